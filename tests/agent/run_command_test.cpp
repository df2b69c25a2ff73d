// `horolog run` end to end: the bundled default config, a config of the test's own, and follow
// mode with lines appended while the agent runs and a clean SIGTERM shutdown.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

namespace fs = std::filesystem;

std::size_t count_valid_json_lines(const fs::path& dir) {
  simdjson::dom::parser parser;
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string text = read_file(entry.path());
    for (auto line : split_lines(text)) {
      simdjson::dom::element doc;
      EXPECT_EQ(parser.parse(std::string(line)).get(doc), simdjson::SUCCESS) << line;
      ++count;
    }
  }
  return count;
}

// Writes dir/horolog.yaml: no NTP traffic, zone UTC, one file input reading `paths` and one file
// sink writing `sink_path`. `input_keys`: more lines of the input, each "    key: value\n".
void write_config(const TempDir& dir, std::string_view input, const fs::path& paths,
                  std::string_view format, const fs::path& sink_path,
                  std::string_view input_keys = "") {
  write_file(dir / "horolog.yaml", "data_dir: " + (dir / "var").string() +
                                       "\n"
                                       "clock: {servers: []}  # no NTP traffic from tests\n"
                                       "timezone: UTC\n"
                                       "inputs:\n"
                                       "  - name: " +
                                       std::string(input) +
                                       "\n"
                                       "    type: file\n"
                                       "    paths: [\"" +
                                       paths.string() +
                                       "\"]\n"
                                       "    format: " +
                                       std::string(format) + "\n" + std::string(input_keys) +
                                       "sinks:\n"
                                       "  - name: out\n"
                                       "    type: file\n"
                                       "    path: " +
                                       sink_path.string() + "\n");
}

TEST(RunOnce, DefaultConfigTurnsTheBundledSamplesIntoNdjsonFiles) {
  // The default config names paths relative to the repository root; run it in a copy of that
  // layout so the test leaves the source tree untouched.
  TempDir dir;
  fs::create_directories(dir / "config");
  fs::create_directories(dir / "tests/data");
  fs::copy_file(source_path("config/horolog.yaml"), dir / "config/horolog.yaml");
  fs::copy(source_path("tests/data/demo"), dir / "tests/data/demo", fs::copy_options::recursive);
  std::size_t input_lines = 0;
  for (const auto& entry : fs::directory_iterator(dir / "tests/data/demo")) {
    if (entry.path().extension() == ".log")
      input_lines += split_lines(read_file(entry.path())).size();
  }

  const auto result =
      run_process({horolog_binary().string(), "run", "--config", "config/horolog.yaml", "--once"},
                  {}, {}, dir.path().string());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ASSERT_TRUE(fs::exists(dir / "out"));
  EXPECT_EQ(count_valid_json_lines(dir / "out"), input_lines);
  // The summary names the format, the totals and where the output went.
  EXPECT_NE(result.out.find("rfc3164"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find(std::to_string(input_lines)), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("out/samples-"), std::string::npos) << result.out;
}

TEST(RunOnce, RoutesEventsToFilesByTheirOwnUtcDayAndKeepsUnparsedLines) {
  TempDir dir;
  fs::create_directories(dir / "logs");
  write_file(dir / "logs/a.log",
             "garbage line\n"
             "Nov 26 2026 23:59:59 h app[1]: late\n"
             "Nov 27 2026 00:00:00 h app[1]: next day\n");
  write_config(dir, "app", dir / "logs/*.log", "rfc3164", dir / "out/{input}-%Y-%m-%d.ndjson");
  const auto result = run_process(
      {horolog_binary().string(), "run", "--config", (dir / "horolog.yaml").string(), "--once"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(split_lines(read_file(dir / "out/app-2026-11-26.ndjson")).size(), 1u);
  EXPECT_EQ(split_lines(read_file(dir / "out/app-2026-11-27.ndjson")).size(), 1u);
  // The garbage line has no time of its own: it is stamped with its read time, flagged, kept.
  EXPECT_EQ(count_valid_json_lines(dir / "out"), 3u);
  // Summary row: format, files, events, parse errors, truncated.
  EXPECT_NE(result.out.find("rfc3164"), std::string::npos);
  std::istringstream summary(result.out.substr(result.out.find("\nrfc3164") + 1));
  std::string format;
  int files = 0, events = 0, errors = 0, truncated = 0;
  summary >> format >> files >> events >> errors >> truncated;
  EXPECT_EQ(files, 1);
  EXPECT_EQ(events, 3);
  EXPECT_EQ(errors, 1);
  EXPECT_EQ(truncated, 0);
}

TEST(RunOnce, WritesOnlyTheFieldsTheInputSelects) {
  TempDir dir;
  fs::create_directories(dir / "logs");
  write_file(dir / "logs/a.log",
             "<38>Nov 26 2026 23:59:59 web1 sshd[7]: Accepted publickey for alice\n"
             "<38>Nov 27 2026 00:00:00 web1 sshd[7]: Disconnected\n");
  write_config(dir, "app", dir / "logs/*.log", "rfc3164", dir / "out.ndjson",
               "    include_fields: [host, process.name, log.syslog.severity, message]\n"
               "    exclude_fields: [host.clock]\n");
  const auto result = run_process(
      {horolog_binary().string(), "run", "--config", (dir / "horolog.yaml").string(), "--once"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(read_file(dir / "out.ndjson"),
            R"({"@timestamp":"2026-11-26T23:59:59Z","host":{"name":"web1"},)"
            R"("log":{"syslog":{"severity":{"code":6,"name":"info"}}},)"
            R"("message":"Accepted publickey for alice","process":{"name":"sshd"}})"
            "\n"
            R"({"@timestamp":"2026-11-27T00:00:00Z","host":{"name":"web1"},)"
            R"("log":{"syslog":{"severity":{"code":6,"name":"info"}}},)"
            R"("message":"Disconnected","process":{"name":"sshd"}})"
            "\n");
}

TEST(RunOnce, BadConfigExitsWith2AndNamesTheProblem) {
  TempDir dir;
  write_file(dir / "bad.yaml", "inputs:\n  - name: x\n    type: file\n    pahts: [\"/tmp/x\"]\n");
  const auto result =
      run_process({horolog_binary().string(), "run", "--config", (dir / "bad.yaml").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("pahts"), std::string::npos) << result.err;
}

// An input whose glob matched the sink's own files read what the agent wrote and grew it without
// end (2.7 GB from 35 bytes in 8 s): refused before anything is read or written.
TEST(RunOnce, RefusesAnInputThatWouldReadTheAgentsOwnOutput) {
  TempDir dir;
  fs::create_directories(dir / "out");
  write_file(dir / "out/seed.ndjson", "Nov 26 12:00:00 h app[1]: seed\n");
  write_config(dir, "app", dir / "out/*.ndjson", "rfc3164", dir / "out/{input}.ndjson");
  const auto result = run_process(
      {horolog_binary().string(), "run", "--config", (dir / "horolog.yaml").string(), "--once"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("horolog.yaml:7:5: inputs[0].paths: `" +
                            (dir / "out/*.ndjson").string() + "` can match"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("sinks[0].path (line 12)"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(dir / "out/app.ndjson"));
}

TEST(RunOnce, EscapesControlCharactersOfFileNamesInItsOwnLog) {
  TempDir dir;
  fs::create_directories(dir / "logs");
  const std::string name = "evil\n\x1b[31mforged.log";  // a newline and a terminal escape
  write_file(dir / "logs" / name, "Nov 26 12:00:00 h app[1]: hello\n");
  write_config(dir, "app", dir / "logs/*.log", "rfc3164", dir / "out.ndjson");
  const auto result = run_process({horolog_binary().string(), "--log-level", "info", "run",
                                   "--config", (dir / "horolog.yaml").string(), "--once"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("reading " + (dir / "logs").string() + "/evil\\n\\x1b[31mforged.log"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(result.err.find('\x1b'), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("\nforged"), std::string::npos) << result.err;
  EXPECT_EQ(split_lines(read_file(dir / "out.ndjson")).size(), 1u);
}

TEST(RunFollow, ShipsLinesAppendedWhileRunningAndStopsCleanlyOnSigterm) {
  TempDir dir;
  fs::create_directories(dir / "logs");
  const fs::path log = dir / "logs/live.log";
  write_file(log, "Nov 26 12:00:00 h app[1]: first\n");
  write_config(dir, "live", log, "rfc3164", dir / "out/live.ndjson", "    scan_interval: 100ms\n");
  BackgroundProcess agent(
      {horolog_binary().string(), "run", "--config", (dir / "horolog.yaml").string()},
      (dir / "stdout").string(), (dir / "stderr").string());

  auto lines_out = [&] {
    std::error_code ec;
    if (!fs::exists(dir / "out/live.ndjson", ec)) return std::size_t{0};
    return split_lines(read_file(dir / "out/live.ndjson")).size();
  };
  auto wait_for = [&](std::size_t n) {
    for (int i = 0; i < 500 && lines_out() < n; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return lines_out();
  };
  ASSERT_EQ(wait_for(1), 1u) << read_file(dir / "stderr");
  {
    std::ofstream append(log, std::ios::app);
    append << "Nov 26 12:00:01 h app[1]: second\nNov 26 12:00:02 h app[1]: third\n";
  }
  EXPECT_EQ(wait_for(3), 3u) << read_file(dir / "stderr");
  // A line still being written (no newline yet) is not shipped half.
  {
    std::ofstream append(log, std::ios::app);
    append << "Nov 26 12:00:03 h app[1]: fou";
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  EXPECT_EQ(lines_out(), 3u);
  EXPECT_EQ(agent.stop(SIGTERM), 0) << read_file(dir / "stderr");
}

TEST(RunFollow, SighupReopensOutputFilesAfterTheyWereMovedAway) {
  TempDir dir;
  fs::create_directories(dir / "logs");
  const fs::path log = dir / "logs/live.log";
  write_file(log, "Nov 26 12:00:00 h app[1]: before\n");
  write_config(dir, "live", log, "rfc3164", dir / "out/live.ndjson");
  BackgroundProcess agent(
      {horolog_binary().string(), "run", "--config", (dir / "horolog.yaml").string()},
      (dir / "stdout").string(), (dir / "stderr").string());
  auto wait_for_file = [&](const fs::path& path) {
    for (int i = 0; i < 500 && !fs::exists(path); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return fs::exists(path);
  };
  ASSERT_TRUE(wait_for_file(dir / "out/live.ndjson")) << read_file(dir / "stderr");
  fs::rename(dir / "out/live.ndjson", dir / "out/live.ndjson.old");  // external rotation
  kill(agent.pid(), SIGHUP);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  {
    std::ofstream append(log, std::ios::app);
    append << "Nov 26 12:00:01 h app[1]: after\n";
  }
  ASSERT_TRUE(wait_for_file(dir / "out/live.ndjson")) << read_file(dir / "stderr");
  EXPECT_EQ(agent.stop(SIGTERM), 0);
  EXPECT_EQ(split_lines(read_file(dir / "out/live.ndjson.old")).size(), 1u);
  EXPECT_NE(read_file(dir / "out/live.ndjson").find("after"), std::string::npos);
}

TEST(RunOnce, ReadsEvtxFilesWholeAndResumesAfterTheLastDeliveredRecord) {
  TempDir dir;
  fs::create_directories(dir / "exports");
  fs::copy_file(source_path("tests/data/winevent/security_short_selected.evtx"),
                dir / "exports/security.evtx");
  write_config(dir, "windows", dir / "exports/*.evtx", "evtx", dir / "out/{input}.ndjson");
  const std::vector<std::string> run = {horolog_binary().string(), "run", "--config",
                                        (dir / "horolog.yaml").string(), "--once"};
  auto result = run_process(run);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string first = read_file(dir / "out/windows.ndjson");
  const auto lines = split_lines(first);
  ASSERT_GT(lines.size(), 0u);
  simdjson::dom::parser parser;
  for (auto line : lines) {
    simdjson::dom::element doc;
    ASSERT_EQ(parser.parse(std::string(line)).get(doc), simdjson::SUCCESS) << line;
    int64_t event_id = 0;
    EXPECT_EQ(doc["winlog"]["event_id"].get(event_id), simdjson::SUCCESS) << line;
  }
  // The checkpoint holds the reader position: a second run ships nothing again.
  result = run_process(run);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(read_file(dir / "out/windows.ndjson"), first);
}

}  // namespace
}  // namespace horolog::test
