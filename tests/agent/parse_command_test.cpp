// `horolog parse` end to end: the real binary on real samples, every output line read back as JSON.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>

#include "tests/support/compress_fixture.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

using simdjson::dom::element;

std::vector<std::string> parse_args(std::vector<std::string> extra) {
  std::vector<std::string> args{horolog_binary().string(), "parse"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST(ParseCommand, PrintsOneValidJsonObjectPerLineOfTheLinuxSample) {
  HOROLOG_SHARED_SAMPLE(sample, "syslog-3164/loghub_Linux_2k.log");
  const auto result =
      run_process(parse_args({"--format", "rfc3164", "--timezone", "UTC", sample.string()}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string input = read_file(sample);
  const auto input_lines = split_lines(input);
  const auto lines = split_lines(result.out);
  ASSERT_EQ(lines.size(), input_lines.size());

  simdjson::dom::parser parser;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    element doc;
    ASSERT_EQ(parser.parse(std::string(lines[i])).get(doc), simdjson::SUCCESS) << lines[i];
    std::string_view timestamp, host, process, message;
    int64_t pid = 0;
    ASSERT_EQ(doc["@timestamp"].get(timestamp), simdjson::SUCCESS) << lines[i];
    // RFC 3339 UTC, no fraction (the source has none): 2026-06-14T15:16:01Z
    EXPECT_EQ(timestamp.size(), 20u);
    EXPECT_EQ(timestamp[10], 'T');
    EXPECT_EQ(timestamp.back(), 'Z');
    ASSERT_EQ(doc["host"]["name"].get(host), simdjson::SUCCESS);
    EXPECT_EQ(host, "combo");
    ASSERT_EQ(doc["message"].get(message), simdjson::SUCCESS);
    // `combo sshd(pam_unix)[19939]: …` names process and pid; `combo syslogd 1.4.1: restart.`
    // has no tag (a tag is one word ending in ':' or '[').
    const std::string_view tag = input_lines[i].substr(22, input_lines[i].find(' ', 22) - 22);
    if (tag.back() == ':' || tag.find('[') != std::string_view::npos) {
      ASSERT_EQ(doc["process"]["name"].get(process), simdjson::SUCCESS) << lines[i];
      EXPECT_EQ(tag.substr(0, process.size()), process);
    }
    if (tag.find('[') != std::string_view::npos) {
      EXPECT_EQ(doc["process"]["pid"].get(pid), simdjson::SUCCESS) << lines[i];
    }
    // The time of day survives unchanged in UTC.
    EXPECT_EQ(timestamp.substr(11, 8), input_lines[i].substr(7, 8));
  }
}

TEST(ParseCommand, InfersTheYearAcrossNewYearInNewYork) {
  TempDir dir;
  write_file(dir / "newyear.log",
             "Dec 31 23:59:58 h app: a\n"
             "Dec 31 23:59:59 h app: b\n"
             "Jan  1 00:00:00 h app: c\n"
             "Jan  1 00:00:02 h app: d\n");
  const auto result = run_process(
      parse_args({"--format", "rfc3164", "--timezone", "America/New_York", "--reference-time",
                  "2027-01-01T03:00:00Z", (dir / "newyear.log").string()}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto lines = split_lines(result.out);
  ASSERT_EQ(lines.size(), 4u);
  const char* expected[] = {"2027-01-01T04:59:58Z", "2027-01-01T04:59:59Z", "2027-01-01T05:00:00Z",
                            "2027-01-01T05:00:02Z"};
  simdjson::dom::parser parser;
  for (std::size_t i = 0; i < 4; ++i) {
    element doc;
    ASSERT_EQ(parser.parse(std::string(lines[i])).get(doc), simdjson::SUCCESS);
    std::string_view timestamp, zone;
    ASSERT_EQ(doc["@timestamp"].get(timestamp), simdjson::SUCCESS);
    EXPECT_EQ(timestamp, expected[i]);
    ASSERT_EQ(doc["event"]["timezone"].get(zone), simdjson::SUCCESS);
    EXPECT_EQ(zone, "America/New_York");
  }
}

TEST(ParseCommand, EmitsAMalformedLineRawAndFlagged) {
  // A headerless line after a header line continues that message; with nothing before it, it is
  // a line that did not parse.
  const std::string input = "this is not syslog at all\nNov 26 12:00:01 web1 sshd[7]: ok\n";
  const auto result =
      run_process(parse_args({"--format", "rfc3164", "--timezone", "UTC", "--reference-time",
                              "2026-11-30T00:00:00Z", "--host", "collector", "-"}),
                  input);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto lines = split_lines(result.out);
  ASSERT_EQ(lines.size(), 2u);
  simdjson::dom::parser parser;
  element doc;
  ASSERT_EQ(parser.parse(std::string(lines[0])).get(doc), simdjson::SUCCESS);
  std::string_view message, flag, host;
  ASSERT_EQ(doc["message"].get(message), simdjson::SUCCESS);
  EXPECT_EQ(message, "this is not syslog at all");
  ASSERT_EQ(doc["horolog"]["flags"].at(0).get(flag), simdjson::SUCCESS);
  EXPECT_EQ(flag, "parse_error");
  ASSERT_EQ(doc["host"]["name"].get(host), simdjson::SUCCESS);
  EXPECT_EQ(host, "collector");
}

TEST(ParseCommand, ReadsNtpdLogfileLinesWithSpacePaddedDaysUnderNtpdSyslogAndAuto) {
  // ntpd's own logfile: days 1-9 are padded with a space, which stays part of the stamp and
  // of the record (log.offset points at it).
  TempDir dir;
  const std::string text =
      "30 Nov 23:59:00 ntpd[123]: ntpd 4.2.8p15 starting\n"
      " 1 Dec 00:00:01 ntpd[123]: time reset +0.183275 s\n"
      " 7 Dec 10:11:12 ntpd[123]: synchronized to 127.0.0.1, stratum 2\n";
  write_file(dir / "ntp.log", text);
  const std::size_t offsets[] = {0, text.find(" 1 Dec"), text.find(" 7 Dec")};
  const char* stamps[] = {"30 Nov 23:59:00", " 1 Dec 00:00:01", " 7 Dec 10:11:12"};
  const char* times[] = {"2026-11-30T23:59:00Z", "2026-12-01T00:00:01Z", "2026-12-07T10:11:12Z"};
  for (const char* format : {"ntpd", "syslog", "auto"}) {
    SCOPED_TRACE(format);
    const auto result = run_process(
        parse_args({"--format", format, "--timezone", "UTC", "--reference-time",
                    "2026-12-08T00:00:00Z", "--host", "collector", (dir / "ntp.log").string()}));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto lines = split_lines(result.out);
    ASSERT_EQ(lines.size(), 3u);
    simdjson::dom::parser parser;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      element doc;
      ASSERT_EQ(parser.parse(std::string(lines[i])).get(doc), simdjson::SUCCESS) << lines[i];
      std::string_view timestamp, original, dataset, host;
      std::uint64_t offset = 0;
      EXPECT_EQ(doc["horolog"]["flags"].error(), simdjson::NO_SUCH_FIELD) << lines[i];
      ASSERT_EQ(doc["@timestamp"].get(timestamp), simdjson::SUCCESS);
      EXPECT_EQ(timestamp, times[i]);
      ASSERT_EQ(doc["horolog"]["time"]["original"].get(original), simdjson::SUCCESS) << lines[i];
      EXPECT_EQ(original, stamps[i]);
      ASSERT_EQ(doc["event"]["dataset"].get(dataset), simdjson::SUCCESS);
      EXPECT_EQ(dataset, "ntp.log");
      ASSERT_EQ(doc["host"]["name"].get(host), simdjson::SUCCESS);
      EXPECT_EQ(host, "collector");
      ASSERT_EQ(doc["log"]["offset"].get(offset), simdjson::SUCCESS);
      EXPECT_EQ(offset, offsets[i]);
    }
  }
}

TEST(ParseCommand, CutsFractionsBeyondNanosecondsAndFlagsThem) {
  // More than nine fractional digits keep the record: the time is cut to nine digits, never
  // rounded (here it would round into the next year), and flagged.
  struct Case {
    const char* format;
    std::string record;
  };
  const Case cases[] = {
      {"rfc5424", "<14>1 2026-12-31T23:59:59.999999999987Z h app - - - m"},
      {"syslog", "2026-12-31T23:59:59.999999999987+00:00 h app: m"},
      {"json", R"({"time":"2026-12-31T23:59:59.999999999987Z","message":"m"})"},
  };
  simdjson::dom::parser parser;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.format);
    const auto result = run_process(parse_args({"--format", c.format, "--timezone", "UTC",
                                                "--reference-time", "2027-01-01T00:00:00Z", "-"}),
                                    c.record + "\n");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto lines = split_lines(result.out);
    ASSERT_EQ(lines.size(), 1u);
    element doc;
    ASSERT_EQ(parser.parse(std::string(lines[0])).get(doc), simdjson::SUCCESS) << lines[0];
    EXPECT_EQ(doc["horolog"]["flags"].error(), simdjson::NO_SUCH_FIELD) << lines[0];
    std::string_view timestamp, flag;
    ASSERT_EQ(doc["@timestamp"].get(timestamp), simdjson::SUCCESS);
    EXPECT_EQ(timestamp, "2026-12-31T23:59:59.999999999Z");
    ASSERT_EQ(doc["horolog"]["time"]["flags"].at(0).get(flag), simdjson::SUCCESS) << lines[0];
    EXPECT_EQ(flag, "precision_truncated");
  }
}

TEST(ParseCommand, WritesOnlyTheSelectedFields) {
  TempDir dir;
  write_file(dir / "a.log", "<38>Nov 26 2026 12:00:01 web1 sshd[7]: Accepted publickey\n");
  const auto result = run_process(parse_args(
      {"--format", "rfc3164", "--timezone", "UTC", "--include-fields", "host,process,message",
       "--exclude-fields", "process.pid", (dir / "a.log").string()}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, R"({"@timestamp":"2026-11-26T12:00:01Z","host":{"name":"web1"},)"
                        R"("message":"Accepted publickey","process":{"name":"sshd"}})"
                        "\n");
}

TEST(ParseCommand, RefusesToExcludeTheTimestamp) {
  TempDir dir;
  write_file(dir / "a.log", "<38>Nov 26 2026 12:00:01 web1 sshd[7]: Accepted publickey\n");
  const auto result =
      run_process(parse_args({"--exclude-fields", "event,@timestamp", (dir / "a.log").string()}));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("`@timestamp` is always written"), std::string::npos) << result.err;
}

TEST(ParseCommand, RejectsUnknownFormatAndZoneWithExitCode2) {
  auto result = run_process(parse_args({"--format", "nosuchformat", "-"}), "x\n");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("nosuchformat"), std::string::npos);
  result =
      run_process(parse_args({"--format", "rfc3164", "--timezone", "Mars/Olympus", "-"}), "x\n");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("Mars/Olympus"), std::string::npos);
}

TEST(ParseCommand, ReportsAMissingFileAndStillParsesTheOthers) {
  TempDir dir;
  write_file(dir / "ok.log", "Nov 26 12:00:01 web1 sshd[7]: ok\n");
  const auto result = run_process(parse_args(
      {"--format", "rfc3164", (dir / "missing.log").string(), (dir / "ok.log").string()}));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("missing.log"), std::string::npos);
  EXPECT_EQ(split_lines(result.out).size(), 1u);
}

TEST(ParseCommand, ReadsAnEvtxFileIntoWinlogEventsWithSevenDigitTimes) {
  const auto result = run_process(
      parse_args({"--format", "evtx",
                  source_path("tests/data/winevent/security_short_selected.evtx").string()}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto lines = split_lines(result.out);
  ASSERT_GT(lines.size(), 1u);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(std::string(lines[0])).get(doc), simdjson::SUCCESS);
  std::string_view timestamp, provider;
  ASSERT_EQ(doc["@timestamp"].get(timestamp), simdjson::SUCCESS);
  EXPECT_EQ(timestamp, "2016-06-29T15:24:34.3460000Z");  // FILETIME: 100 ns, 7 digits
  ASSERT_EQ(doc["winlog"]["provider_name"].get(provider), simdjson::SUCCESS);
  EXPECT_EQ(provider, "Microsoft-Windows-Security-Auditing");
}

// Standard input under `auto` is recognised like a file, piped or redirected from one (which can
// seek): the same events, with `-` as their path.
TEST(ParseCommand, RecognisesAWindowsEventFileOnStandardInput) {
  const std::string evtx = source_path("tests/data/winevent/security_short_selected.evtx").string();
  const auto from_file = run_process(parse_args({"--format", "auto", "--timezone", "UTC", evtx}));
  ASSERT_EQ(from_file.exit_code, 0) << from_file.err;
  const auto lines = split_lines(from_file.out);
  ASSERT_EQ(lines.size(), 7u);
  const auto piped =
      run_process(parse_args({"--format", "auto", "--timezone", "UTC", "-"}), read_file(evtx));
  const auto redirected =
      run_process({"/bin/sh", "-c", "exec \"$0\" parse --format auto --timezone UTC - < \"$1\"",
                   horolog_binary().string(), evtx});
  for (const ProcessResult* result : {&piped, &redirected}) {
    ASSERT_EQ(result->exit_code, 0) << result->err;
    const auto got = split_lines(result->out);
    ASSERT_EQ(got.size(), lines.size());
    simdjson::dom::parser parser;
    for (std::size_t i = 0; i < got.size(); ++i) {
      simdjson::dom::element ours, theirs;
      ASSERT_EQ(parser.parse(std::string(got[i])).get(ours), simdjson::SUCCESS);
      std::string_view dataset, path;
      ASSERT_EQ(ours["event"]["dataset"].get(dataset), simdjson::SUCCESS);
      EXPECT_EQ(dataset, "winevent.evtx");
      ASSERT_EQ(ours["log"]["file"]["path"].get(path), simdjson::SUCCESS);
      EXPECT_EQ(path, "-");
      std::uint64_t id = 0, expected_id = 0;
      ASSERT_EQ(ours["winlog"]["record_id"].get(id), simdjson::SUCCESS);
      simdjson::dom::parser reference;
      ASSERT_EQ(reference.parse(std::string(lines[i])).get(theirs), simdjson::SUCCESS);
      ASSERT_EQ(theirs["winlog"]["record_id"].get(expected_id), simdjson::SUCCESS);
      EXPECT_EQ(id, expected_id);
    }
  }
}

TEST(ParseCommand, DecompressesAGzipFile) {
  TempDir dir;
  const std::string text = "Nov 26 12:00:01 web1 sshd[7]: one\nNov 26 12:00:02 web1 sshd[7]: two\n";
  write_file(dir / "syslog.2.gz", gzip_bytes(text));
  const auto result = run_process(
      parse_args({"--format", "rfc3164", "--timezone", "UTC", (dir / "syslog.2.gz").string()}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto lines = split_lines(result.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[1].find("\"message\":\"two\""), std::string_view::npos) << lines[1];
}

}  // namespace
}  // namespace horolog::test
