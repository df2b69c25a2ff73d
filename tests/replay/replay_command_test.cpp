// `horolog replay` end to end: the real binary over rotated sets with mtimes set here, compressed
// members, clock history, and the failures a user must be told about.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sys/stat.h>

#include "tests/support/compress_fixture.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

// Sets a file's mtime (and atime), in seconds since the Unix epoch.
void set_mtime(const std::filesystem::path& path, std::int64_t unix_seconds) {
  const struct timespec times[2] = {{unix_seconds, 0}, {unix_seconds, 0}};
  ASSERT_EQ(utimensat(AT_FDCWD, path.c_str(), times, 0), 0) << path;
}

std::vector<std::string> replay_args(std::vector<std::string> extra) {
  std::vector<std::string> args{horolog_binary().string(), "replay"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

struct OutputLine {
  std::string timestamp;
  std::string message;
  std::string corrected;     // empty when absent
  std::string clock_source;  // empty when absent
  double offset_ms = 0.0;
  double error_ms = 0.0;
};

std::vector<OutputLine> parse_output(const std::string& out) {
  std::vector<OutputLine> lines;
  simdjson::dom::parser parser;
  for (std::string_view text : split_lines(out)) {
    simdjson::dom::element doc;
    EXPECT_EQ(parser.parse(std::string(text)).get(doc), simdjson::SUCCESS) << text;
    OutputLine line;
    std::string_view value;
    if (doc["@timestamp"].get(value) == simdjson::SUCCESS) line.timestamp = value;
    if (doc["message"].get(value) == simdjson::SUCCESS) line.message = value;
    if (doc.at_pointer("/horolog/time/corrected").get(value) == simdjson::SUCCESS)
      line.corrected = value;
    if (doc.at_pointer("/host/clock/source").get(value) == simdjson::SUCCESS)
      line.clock_source = value;
    if (doc.at_pointer("/host/clock/offset_ms").get(line.offset_ms) != simdjson::SUCCESS) {
      line.offset_ms = 0.0;
    }
    if (doc.at_pointer("/host/clock/error_ms").get(line.error_ms) != simdjson::SUCCESS) {
      line.error_ms = 0.0;
    }
    lines.push_back(line);
  }
  return lines;
}

std::string last_line(const std::string& text) {
  const auto lines = split_lines(text);
  return lines.empty() ? std::string() : std::string(lines.back());
}

constexpr std::int64_t k20251221 = 1766275200;  // 2025-12-21T00:00:00Z
constexpr std::int64_t k20251225 = 1766620800;
constexpr std::int64_t k20260101 = 1767225600;

TEST(ReplayCommand, RotatedSetSpanningNewYearComesOutInOrderWithCorrectYears) {
  TempDir dir;
  write_file(dir / "syslog.3.zst", zstd_bytes("Dec 20 10:00:00 evidence app[1]: three-a\n"
                                              "Dec 20 18:30:00 evidence app[1]: three-b\n"));
  write_file(dir / "syslog.2.gz", gzip_bytes("Dec 23 09:00:00 evidence app[1]: two-a\n"
                                             "Dec 24 23:00:00 evidence app[1]: two-b\n"));
  write_file(dir / "syslog.1",
             "Dec 28 12:00:00 evidence app[1]: one-a\n"
             "Dec 31 23:59:58 evidence app[1]: one-b\n"
             "Jan  1 00:00:02 evidence app[1]: one-c\n");
  write_file(dir / "syslog",
             "Jan  1 06:00:00 evidence app[1]: zero-a\n"
             "Jan  3 07:00:00 evidence app[1]: zero-b\n");
  set_mtime(dir / "syslog.3.zst", k20251221);
  set_mtime(dir / "syslog.2.gz", k20251225);
  set_mtime(dir / "syslog.1", k20260101 + 3);
  set_mtime(dir / "syslog", k20260101 + 2 * 86400 + 8 * 3600);
  // Named in no particular order, as a shell glob or a hurried hand would.
  const auto result =
      run_process(replay_args({"--format", "rfc3164", "--timezone", "UTC",
                               (dir / "syslog").string(), (dir / "syslog.1").string(),
                               (dir / "syslog.3.zst").string(), (dir / "syslog.2.gz").string()}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto lines = parse_output(result.out);
  const std::vector<std::pair<std::string, std::string>> expected{
      {"2025-12-20T10:00:00Z", "three-a"}, {"2025-12-20T18:30:00Z", "three-b"},
      {"2025-12-23T09:00:00Z", "two-a"},   {"2025-12-24T23:00:00Z", "two-b"},
      {"2025-12-28T12:00:00Z", "one-a"},   {"2025-12-31T23:59:58Z", "one-b"},
      {"2026-01-01T00:00:02Z", "one-c"},   {"2026-01-01T06:00:00Z", "zero-a"},
      {"2026-01-03T07:00:00Z", "zero-b"}};
  ASSERT_EQ(lines.size(), expected.size()) << result.out;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(lines[i].timestamp, expected[i].first) << i;
    EXPECT_EQ(lines[i].message, expected[i].second) << i;
    EXPECT_EQ(lines[i].clock_source, "");  // no clock history given: no host.clock at all
  }
  EXPECT_EQ(last_line(result.err).rfind("replay: 4 files, 9 events, ", 0), 0u) << result.err;
}

TEST(ReplayCommand, CorrectedTimesFollowTheLoopstatsTimeline) {
  TempDir dir;
  // MJD 61041 = 2026-01-01. The host clock is 50 ms fast at 00:00:00 (ntpd's offset -0.050:
  // true time is 50 ms behind it) and 30 ms slow from 00:01:40 on; jitter 1 us.
  write_file(dir / "loopstats.20260101",
             "61041 0.000 -0.050000000 1.5 0.000001000 0.0 6\n"
             "61041 100.000 0.030000000 1.5 0.000001000 0.0 6\n"
             "61041 200.000 0.030000000 1.5 0.000001000 0.0 6\n");
  write_file(dir / "syslog",
             "Dec 31 23:59:30 evidence app[1]: before\n"
             "Jan  1 00:00:00 evidence app[1]: at-first\n"
             "Jan  1 00:00:25 evidence app[1]: quarter\n"
             "Jan  1 00:00:50 evidence app[1]: half\n"
             "Jan  1 00:01:15 evidence app[1]: three-quarters\n"
             "Jan  1 00:01:40 evidence app[1]: at-second\n"
             "Jan  1 00:02:30 evidence app[1]: flat\n"
             "Jan  1 00:05:00 evidence app[1]: after\n");
  set_mtime(dir / "syslog", k20260101 + 3600);
  const auto result = run_process(replay_args(
      {"--format", "rfc3164", "--timezone", "UTC", "--host", "evidence", "--clock-history",
       (dir / "loopstats.20260101").string(), (dir / "syslog").string()}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto lines = parse_output(result.out);
  ASSERT_EQ(lines.size(), 8u) << result.out;

  // Hand-computed: offset = -50 ms + 80 ms * (t - 00:00:00) / 100 s up to 00:01:40, then 30 ms;
  // corrected = @timestamp + offset; error = 1 us + 15 us per second from the nearest sample.
  struct Expected {
    const char* timestamp;
    const char* corrected;
    double offset_ms;
    double error_ms;
  };
  const Expected expected[] = {
      {"2025-12-31T23:59:30Z", "", 0, 0},
      {"2026-01-01T00:00:00Z", "2025-12-31T23:59:59.950000Z", -50.0, 0.001},
      {"2026-01-01T00:00:25Z", "2026-01-01T00:00:24.970000Z", -30.0, 0.376},
      {"2026-01-01T00:00:50Z", "2026-01-01T00:00:49.990000Z", -10.0, 0.751},
      {"2026-01-01T00:01:15Z", "2026-01-01T00:01:15.010000Z", 10.0, 0.376},
      {"2026-01-01T00:01:40Z", "2026-01-01T00:01:40.030000Z", 30.0, 0.001},
      {"2026-01-01T00:02:30Z", "2026-01-01T00:02:30.030000Z", 30.0, 0.751},
      {"2026-01-01T00:05:00Z", "", 0, 0},
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    SCOPED_TRACE(lines[i].message);
    EXPECT_EQ(lines[i].timestamp, expected[i].timestamp);
    EXPECT_EQ(lines[i].corrected, expected[i].corrected);
    if (expected[i].corrected[0] == '\0') {
      EXPECT_EQ(lines[i].clock_source, "history_out_of_range");
    } else {
      EXPECT_EQ(lines[i].clock_source, "history");
      EXPECT_DOUBLE_EQ(lines[i].offset_ms, expected[i].offset_ms);
      EXPECT_DOUBLE_EQ(lines[i].error_ms, expected[i].error_ms);
    }
  }
  EXPECT_NE(last_line(result.err).find("clock history: 6 corrected, 2 out of range"),
            std::string::npos)
      << result.err;
}

TEST(ReplayCommand, EachClockHistoryOptionTakesOneFileAndLeavesThePathsAlone) {
  TempDir dir;
  const std::string loopstats =
      "61041 0.000 -0.050000000 1.5 0.000001000 0.0 6\n"
      "61041 100.000 0.030000000 1.5 0.000001000 0.0 6\n";
  write_file(dir / "loopstats.a", loopstats);
  write_file(dir / "loopstats.b", loopstats);
  write_file(dir / "syslog.1", "Jan  1 00:00:25 evidence app[1]: one\n");
  write_file(dir / "syslog", "Jan  1 00:00:50 evidence app[1]: zero\n");
  set_mtime(dir / "syslog.1", k20260101 + 60);
  set_mtime(dir / "syslog", k20260101 + 3600);
  const auto result = run_process(replay_args(
      {"--timezone", "UTC", "--host", "evidence", "--clock-history", (dir / "loopstats.a").string(),
       "--clock-history", (dir / "loopstats.a").string() + "," + (dir / "loopstats.b").string(),
       (dir / "syslog").string(), (dir / "syslog.1").string()}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto lines = parse_output(result.out);
  ASSERT_EQ(lines.size(), 2u) << result.out;
  EXPECT_EQ(lines[0].corrected, "2026-01-01T00:00:24.970000Z");
  EXPECT_EQ(lines[1].corrected, "2026-01-01T00:00:49.990000Z");
}

TEST(ReplayCommand, ReadsGzipAndZstdMembersLikePlainFiles) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    text += "Dec 24 10:" + std::string(i % 60 < 10 ? "0" : "") + std::to_string(i % 60) +
            ":00 evidence app[7]: line " + std::to_string(i) + "\n";
  }
  write_file(dir / "plain.log", text);
  write_file(dir / "gzip.log.gz", gzip_bytes(text));
  write_file(dir / "zstd.log.zst", zstd_bytes(text));
  std::vector<std::vector<OutputLine>> outputs;
  for (const char* name : {"plain.log", "gzip.log.gz", "zstd.log.zst"}) {
    set_mtime(dir / name, k20251225);
    const auto result = run_process(
        replay_args({"--format", "rfc3164", "--timezone", "UTC", (dir / name).string()}));
    ASSERT_EQ(result.exit_code, 0) << name << ": " << result.err;
    outputs.push_back(parse_output(result.out));
  }
  ASSERT_EQ(outputs[0].size(), 3000u);
  for (std::size_t k = 1; k < outputs.size(); ++k) {
    ASSERT_EQ(outputs[k].size(), outputs[0].size());
    for (std::size_t i = 0; i < outputs[0].size(); ++i) {
      EXPECT_EQ(outputs[k][i].timestamp, outputs[0][i].timestamp);
      EXPECT_EQ(outputs[k][i].message, outputs[0][i].message);
    }
  }
}

TEST(ReplayCommand, WritesOnlyTheSelectedFields) {
  TempDir dir;
  write_file(dir / "syslog", "Dec 24 10:00:00 evidence app[1]: kept lean\n");
  set_mtime(dir / "syslog", k20251225);
  const auto result =
      run_process(replay_args({"--format", "rfc3164", "--timezone", "UTC", "--include-fields",
                               "message,horolog.time.flags", (dir / "syslog").string()}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, R"({"@timestamp":"2025-12-24T10:00:00Z",)"
                        R"("horolog":{"time":{"flags":["year_inferred","zone_assumed"]}},)"
                        R"("message":"kept lean"})"
                        "\n");
}

TEST(ReplayCommand, DetectsEvtxFilesUnderFormatAuto) {
  HOROLOG_SHARED_SAMPLE(evtx, "evtx/omerbenamram_Security_short_selected.evtx");
  const auto result = run_process(replay_args({evtx.string()}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto lines = split_lines(result.out);
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines[0].find("\"winlog\""), std::string_view::npos) << lines[0];
}

TEST(ReplayCommand, WritesToTheSinksOfTheConfig) {
  TempDir dir;
  write_file(dir / "syslog", "Dec 24 10:00:00 evidence app[1]: to a file\n");
  set_mtime(dir / "syslog", k20251225);
  // A full agent config: replay takes its sinks, timezone and host name, not its inputs.
  write_file(dir / "replay.yaml", "data_dir: " + (dir / "var").string() +
                                      "\ntimezone: UTC\nclock: {servers: []}\n"
                                      "inputs:\n  - {name: live, type: file, paths: [\"" +
                                      (dir / "live-*.log").string() +
                                      "\"]}\n"
                                      "sinks:\n  - {name: out, type: file, path: " +
                                      (dir / "out.ndjson").string() + "}\n");
  const auto result = run_process(replay_args({"--config", (dir / "replay.yaml").string(),
                                               "--format", "rfc3164", (dir / "syslog").string()}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
  const auto lines = parse_output(read_file(dir / "out.ndjson"));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].timestamp, "2025-12-24T10:00:00Z");
}

TEST(ReplayCommand, PacedReplayStillDeliversEveryEventInOrder) {
  TempDir dir;
  write_file(dir / "syslog",
             "Dec 24 10:00:00 evidence app[1]: a\n"
             "Dec 24 10:00:01 evidence app[1]: b\n"
             "Dec 24 10:00:00 evidence app[1]: c\n");
  set_mtime(dir / "syslog", k20251225);
  for (const char* pace : {"--rate", "--speed"}) {
    const auto result = run_process(replay_args(
        {"--format", "rfc3164", "--timezone", "UTC", pace, "1000", (dir / "syslog").string()}));
    ASSERT_EQ(result.exit_code, 0) << pace << ": " << result.err;
    const auto lines = parse_output(result.out);
    ASSERT_EQ(lines.size(), 3u) << pace;
    EXPECT_EQ(lines[0].message + lines[1].message + lines[2].message, "abc") << pace;
  }
}

struct BadRun {
  const char* name;
  std::vector<std::string> args;  // {dir} stands for the test directory
  int exit_code;
  const char* message;
};

class ReplayCommandRefuses : public testing::TestWithParam<BadRun> {};

TEST_P(ReplayCommandRefuses, WithAClearMessageAndNoOutput) {
  TempDir dir;
  write_file(dir / "syslog", "Dec 24 10:00:00 evidence app[1]: a\n");
  std::vector<std::string> args;
  for (std::string arg : GetParam().args) {
    if (const auto at = arg.find("{dir}"); at != std::string::npos)
      arg.replace(at, 5, dir.path().string());
    args.push_back(arg);
  }
  const auto result = run_process(replay_args(args));
  EXPECT_EQ(result.exit_code, GetParam().exit_code) << result.err;
  EXPECT_EQ(result.out, "");
  std::string message = GetParam().message;
  if (const auto at = message.find("{dir}"); at != std::string::npos) {
    message.replace(at, 5, dir.path().string());
  }
  EXPECT_NE(result.err.find(message), std::string::npos) << result.err;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ReplayCommandRefuses,
    testing::Values(
        BadRun{"MissingFile",
               {"{dir}/syslog", "{dir}/nope.1"},
               1,
               "cannot replay {dir}/nope.1: No such file or directory"},
        BadRun{"UnknownFormat",
               {"--format", "klingon", "{dir}/syslog"},
               2,
               "unknown format 'klingon'"},
        BadRun{"HistoryWithoutSamples",
               {"--clock-history", "{dir}/syslog", "{dir}/syslog"},
               2,
               "{dir}/syslog holds no ntpd/ntpsec loopstats or chrony tracking.log samples"},
        BadRun{"RateAndSpeedTogether",
               {"--rate", "5", "--speed", "2", "{dir}/syslog"},
               2,
               "excludes"}),
    [](const testing::TestParamInfo<BadRun>& info) { return info.param.name; });

}  // namespace
}  // namespace horolog::test
