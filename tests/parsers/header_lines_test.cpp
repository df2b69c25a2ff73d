// Multi-line syslog messages against malformed headers: a line that starts like a record (a PRI,
// a stamp of any syslog or ntpd shape) is never the continuation of the line before it, in every
// line format that keeps continuation state and in those that pick parsers per line.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parsers/format_registry.h"
#include "parsers/syslog/continuation.h"
#include "tests/parsers/parse_harness.h"

namespace horolog {
namespace {

struct HeaderCase {
  std::string name;
  std::string format;
  std::string first;  // a good header line naming host `victim`
  std::string line;   // starts like a header of this format but does not parse
};

std::vector<HeaderCase> header_cases() {
  const std::string rfc5424 = "<13>1 2030-05-05T05:00:00Z victim app - - - hello";
  const std::string bsd = "Nov 26 12:00:00 victim app: hello";
  // Lines no syslog shape accepts, whatever the format.
  const std::vector<std::pair<std::string, std::string>> malformed = {
      {"Version2", "<13>2 2030-05-05T05:05:05Z attacker app - - - x"},
      {"PriOutOfRange", "<99999>1 2030-05-05T05:05:05Z attacker app - - - x"},
      {"PriWithLeadingZero", "<013>1 2030-05-05T05:05:05Z attacker app - - - x"},
      {"Rfc5424CutAfterStamp", "<13>1 2030-05-05T05:05:05Z"},
      {"Rfc5424BadDate", "<13>1 2030-13-05T05:05:05Z attacker app - - - x"},
      {"BsdDay30OfFebruary", "Feb 30 12:00:00 attacker app: x"},
      {"BsdHour25", "Nov 26 25:00:00 attacker app: x"},
      {"BsdMissingSeconds", "Nov 26 12:00 attacker app: x"},
      {"IsoMonth13", "2030-13-01T00:00:00Z attacker app: x"},
      {"NtpdDay32", "32 Nov 12:00:00 ntpd[1]: x"},
  };
  std::vector<HeaderCase> cases;
  for (const auto& [name, line] : malformed) {
    cases.push_back({"Rfc5424_" + name, "rfc5424", rfc5424, line});
    cases.push_back({"Rfc3164_" + name, "rfc3164", bsd, line});
    cases.push_back({"Syslog_" + name, "syslog", rfc5424, line});
    cases.push_back({"Auto_" + name, "auto", rfc5424, line});
    cases.push_back({"Ntpd_" + name, "ntpd", bsd, line});
  }
  // Good records of another shape are no continuation of a file's own records either.
  cases.push_back(
      {"Rfc5424_BsdLine", "rfc5424", rfc5424, "Jan  1 00:00:00 attacker app: bsd line"});
  cases.push_back(
      {"Rfc5424_BsdLineWithPri", "rfc5424", rfc5424, "<13>Jan  1 00:00:00 attacker app: bsd"});
  cases.push_back(
      {"Rfc5424_IsoLineWithoutPri", "rfc5424", rfc5424, "2030-05-05T05:05:05Z attacker app: x"});
  cases.push_back({"Rfc5424_NtpdLine", "rfc5424", rfc5424, " 7 Dec 10:11:12 ntpd[123]: x"});
  cases.push_back(
      {"Rfc3164_Rfc5424Line", "rfc3164", bsd, "<13>1 2030-05-05T05:05:05Z attacker app - - - x"});
  cases.push_back({"Rfc3164_NtpdLine", "rfc3164", bsd, "26 Nov 12:00:00 ntpd[123]: x"});
  cases.push_back({"Rfc3164_PaddedNtpdLine", "rfc3164", bsd, " 7 Dec 10:11:12 ntpd[123]: x"});
  return cases;
}

class HeaderLine : public testing::TestWithParam<HeaderCase> {};

TEST_P(HeaderLine, IsAParseErrorWithItsOwnTextAndReadTimeNotAContinuation) {
  const HeaderCase& c = GetParam();
  const auto parser = find_format(c.format)->make(ParserOptions{}).value();
  test::ParseHarness h;
  ASSERT_NE(h.parse(*parser, c.first), ParseStatus::error) << h.event().error;
  ASSERT_EQ(h.event().host, "victim");
  ASSERT_NE(h.event().timestamp, h.event().created);

  EXPECT_EQ(h.parse(*parser, c.line), ParseStatus::error);
  const Event& e = h.event();
  EXPECT_FALSE(syslog::is_continuation(e));
  EXPECT_TRUE(e.has(EventFlag::parse_error));
  EXPECT_EQ(e.message, c.line);
  EXPECT_EQ(e.timestamp, e.created) << "the read time, not the previous record's";
  EXPECT_TRUE(e.time_flags.has(TimeFlag::no_timestamp));
  EXPECT_EQ(e.host, "this-host") << "the input's host, not the previous record's";
  EXPECT_TRUE(e.app.empty());
}

INSTANTIATE_TEST_SUITE_P(Formats, HeaderLine, testing::ValuesIn(header_cases()),
                         [](const testing::TestParamInfo<HeaderCase>& info) {
                           return info.param.name;
                         });

struct ContinuationCase {
  std::string name;
  std::string line;
};

class HeaderlessLine : public testing::TestWithParam<ContinuationCase> {};

// The other side of the rule: lines that do not start like a header still continue the message.
TEST_P(HeaderlessLine, StillContinuesTheMessageInEverySyslogFormat) {
  for (const char* format : {"rfc3164", "rfc5424", "syslog", "auto"}) {
    SCOPED_TRACE(format);
    const auto parser = find_format(format)->make(ParserOptions{}).value();
    test::ParseHarness h;
    const std::string first = std::string_view(format) == "rfc3164"
                                  ? "Nov 26 12:00:00 victim app: hello"
                                  : "<13>1 2026-11-26T12:00:00Z victim app - - - hello";
    ASSERT_EQ(h.parse(*parser, first), ParseStatus::ok);
    const SysNanos first_time = h.event().timestamp;
    ASSERT_EQ(h.parse(*parser, GetParam().line), ParseStatus::ok) << h.event().error;
    EXPECT_TRUE(syslog::is_continuation(h.event()));
    EXPECT_EQ(h.event().timestamp, first_time);
    EXPECT_EQ(h.event().host, "victim");
    EXPECT_EQ(h.event().message, GetParam().line);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Lines, HeaderlessLine,
    testing::Values(ContinuationCase{"Tab", "\tat com.example.Main.run(Main.java:12)"},
                    ContinuationCase{"Indented", "    indented dump line"},
                    ContinuationCase{"Words", "second line of the message"},
                    ContinuationCase{"MonthAsAWord", "May 5 people attended"},
                    ContinuationCase{"NumberThenWord", "3 retries left"},
                    ContinuationCase{"Markup", "<html><body>"},
                    ContinuationCase{"AngleBracketWord", "<none>"}),
    [](const testing::TestParamInfo<ContinuationCase>& info) { return info.param.name; });

}  // namespace
}  // namespace horolog
