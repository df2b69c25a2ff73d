// The format table and `auto`: every documented name resolves and builds a parser; detection
// picks the right format for each real sample.
#include "parsers/format_registry.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <iterator>
#include <random>
#include <string>

#include "parsers/detect/auto_parser.h"
#include "parsers/detect/format_detect.h"
#include "parsers/format_names.h"
#include "tests/parsers/parse_harness.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_seed.h"

namespace horolog {
namespace {

TEST(FormatRegistry, EveryTextFormatOfTheDesignIsRegisteredAndBuilds) {
  const std::string_view names[] = {"auto",
                                    "syslog",
                                    "rfc3164",
                                    "rfc5424",
                                    "ntpd",
                                    "ntp-loopstats",
                                    "ntp-peerstats",
                                    "ntp-clockstats",
                                    "ntp-sysstats",
                                    "ntp-rawstats",
                                    "ntp-protostats",
                                    "chrony-measurements",
                                    "chrony-statistics",
                                    "chrony-tracking",
                                    "chrony-refclocks",
                                    "chrony-rtc",
                                    "json"};
  for (std::string_view name : names) {
    const FormatInfo* format = find_format(name);
    ASSERT_NE(format, nullptr) << name;
    EXPECT_FALSE(format->dataset.empty());
    EXPECT_FALSE(format->summary.empty());
    const Result<std::unique_ptr<Parser>> parser = format->make(ParserOptions{});
    EXPECT_TRUE(parser && *parser != nullptr) << name;
    EXPECT_TRUE(is_known_format(name));
  }
  EXPECT_EQ(find_format("no-such-format"), nullptr);
  EXPECT_FALSE(is_known_format("no-such-format"));
  EXPECT_EQ(format_names().size(), formats().size());
}

TEST(FormatRegistry, RegexWithoutPatternFailsAtConfigTime) {
  const FormatInfo* format = find_format("regex");
  ASSERT_NE(format, nullptr);
  const Result<std::unique_ptr<Parser>> parser = format->make(ParserOptions{});
  ASSERT_FALSE(parser);
  EXPECT_EQ(parser.error().code(), ErrorCode::invalid_config);
  EXPECT_NE(parser.error().message().find("needs a pattern"), std::string::npos);
}

struct DetectCase {
  std::string path;
  std::string format;
};

class AutoDetection : public testing::TestWithParam<DetectCase> {};

TEST_P(AutoDetection, PicksFormatFromFirstRecordsAndParsesWholeSample) {
  HOROLOG_SHARED_SAMPLE(path, GetParam().path);
  AutoParser parser{ParserOptions{}};
  const test::SampleWalk walk = test::walk_sample(parser, path);
  EXPECT_EQ(parser.chosen(), GetParam().format);
  EXPECT_EQ(walk.events + walk.skipped, walk.lines);
  EXPECT_EQ(walk.parse_errors, 0u) << walk.first_error;
}

INSTANTIATE_TEST_SUITE_P(
    Auto, AutoDetection,
    testing::Values(DetectCase{"syslog-3164/loghub_Linux_2k.log", "syslog"},
                    DetectCase{"syslog-3164/rsyslog_snare_windows2022-security.data", "syslog"},
                    DetectCase{"syslog-5424/rsyslog_SyslogProtocol23Format.log", "syslog"},
                    DetectCase{"syslog-5424/rsyslog_FileFormat.log", "syslog"},
                    DetectCase{"ntp/pfsense_ntpd_loopstats.head3000", "ntp-loopstats"},
                    DetectCase{"ntp/pfsense_ntpd_peerstats.head3000", "ntp-peerstats"},
                    DetectCase{"ntp/ntpsec_clockstats.20261126", "ntp-clockstats"},
                    DetectCase{"ntp/ntpsec_protostats.20261126", "ntp-protostats"},
                    DetectCase{"ntp/ntpsec_ntp.log", "ntpd"},
                    DetectCase{"ntp/chronyd_client_stderr.log", "ntpd"},
                    DetectCase{"ntp/chrony_measurements.log", "chrony-measurements"},
                    DetectCase{"ntp/chrony_client_measurements.log", "chrony-measurements"},
                    DetectCase{"ntp/chrony_statistics.log.head3000", "chrony-statistics"},
                    DetectCase{"ntp/chrony_tracking.log.head3000", "chrony-tracking"},
                    DetectCase{"ntp/chrony_client_tracking.log", "chrony-tracking"},
                    DetectCase{"ntp/chrony_client_refclocks.log", "chrony-refclocks"},
                    DetectCase{"winevent-json/handwritten_winlogbeat.ndjson", "json"}),
    [](const testing::TestParamInfo<DetectCase>& info) {
      std::string name = info.param.path;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

TEST(Auto, MixedFileFallsBackPerRecord) {
  test::ParseHarness h;
  AutoParser parser{ParserOptions{}};
  ASSERT_EQ(h.parse(parser, "<34>Nov 26 12:00:01 web1 app: first"), ParseStatus::ok);
  EXPECT_EQ(parser.chosen(), "syslog");
  ASSERT_EQ(h.parse(parser, R"({"time":"2026-11-26T12:00:02Z","message":"json line"})"),
            ParseStatus::ok);
  EXPECT_EQ(h.event().message, "json line");
  EXPECT_FALSE(h.event().has(EventFlag::parse_error));
  EXPECT_EQ(parser.chosen(), "syslog");
}

TEST(Auto, UnrecognisedRecordIsAParseError) {
  test::ParseHarness h;
  AutoParser parser{ParserOptions{}};
  EXPECT_EQ(h.parse(parser, "???"), ParseStatus::error);
  EXPECT_TRUE(h.event().has(EventFlag::parse_error));
  EXPECT_EQ(parser.chosen(), "");
}

TEST(Auto, DetectsStatisticsShapes) {
  EXPECT_EQ(detect_format("61370 3600.000 3600 24 21 20 1 0 0 0 0 0 0"), "ntp-sysstats");
  EXPECT_EQ(detect_format("61370 47270.713 127.0.0.1 127.0.0.1 3973147670.713 3973147670.714 "
                          "3973147670.714 3973147670.715"),
            "ntp-rawstats");
  EXPECT_EQ(detect_format("2026-11-26 13:07:48  -0.123456  1  -0.120000  1.5  6  3  64"),
            "chrony-rtc");
  EXPECT_EQ(detect_format("26 Nov 12:00:00 ntpd[123]: time reset +0.183275 s"), "ntpd");
}

TEST(Auto, DetectsNtpdLinesWithASpacePaddedDay) {
  EXPECT_EQ(detect_format(" 7 Dec 10:11:12 ntpd[123]: time reset +0.183275 s"), "ntpd");
  AutoParser parser{ParserOptions{}};
  test::ParseHarness h;
  ASSERT_EQ(h.parse(parser, " 7 Dec 10:11:12 ntpd[123]: ntpd 4.2.8p15 starting"), ParseStatus::ok)
      << h.event().error;
  EXPECT_EQ(parser.chosen(), "ntpd");
}

}  // namespace
}  // namespace horolog

namespace horolog {
namespace {

// Random and mutated records through every format: never a crash, and a rejected record is
// always shipped raw with parse_error.
TEST(FormatRegistry, GarbageRecordsNeverCrashAndAreShippedRaw) {
  const test::TestSeed seed;
  std::mt19937_64 rng(seed.value());
  const std::string seeds[] = {
      "<34>1 2003-10-11T22:14:15.003Z h app 1 ID [a b=\"c\\\"\"] m",
      "<14>Nov 26 12:00:01 web1 sshd[1]: x",
      "61016 2.878 127.127.20.0 971b 0.1 0 0.1 0.1",
      "2021-12-19 05:01:15 129.6.15.29 N 1 111 111 1111 10 13 1.00 -2.0e-03 3.0e-02 3.1e-07 "
      "2.4e-04 4.8e-04 4E495354 4B D K",
      "{\"time\":1764158401250,\"message\":\"m\",\"a\":{\"b\":[1,2]}}",
      "26 Nov 12:00:00 ntpd[123]: time reset +0.183275 s"};
  const std::string alphabet = "0123456789 <>[]:-T.\"{}\\=Z+e,N\t";
  for (const FormatInfo& format : formats()) {
    if (format.name == "regex" || format.framing != RecordFraming::lines) continue;
    const auto parser = format.make(ParserOptions{}).value();
    test::ParseHarness h;
    for (int i = 0; i < 3000; ++i) {
      std::string record = seeds[rng() % std::size(seeds)];
      const int edits = 1 + static_cast<int>(rng() % 6);
      for (int e = 0; e < edits && !record.empty(); ++e) {
        const std::size_t at = rng() % record.size();
        switch (rng() % 4) {
          case 0: record[at] = alphabet[rng() % alphabet.size()]; break;
          case 1: record[at] = static_cast<char>(rng() & 0xff); break;
          case 2: record.erase(at, 1 + rng() % 8); break;
          default: record.resize(at); break;
        }
      }
      const ParseStatus status = h.parse(*parser, record);
      if (status == ParseStatus::error) {
        ASSERT_TRUE(h.event().has(EventFlag::parse_error)) << format.name << ": " << record;
        ASSERT_EQ(h.event().message, record) << format.name;
      } else {
        ASSERT_FALSE(h.event().has(EventFlag::parse_error)) << format.name << ": " << record;
      }
    }
  }
}

}  // namespace
}  // namespace horolog
