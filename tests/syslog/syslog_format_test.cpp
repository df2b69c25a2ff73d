// Every payload shape of the syslog sink from one event, truncation at UTF-8 boundaries, RFC 5424
// structured-data escaping and both stream framings, as tables.
#include "sinks/syslog/syslog_format.h"

#include <gtest/gtest.h>

#include <chrono>

#include "sinks/syslog/syslog_address.h"
#include "sinks/syslog/syslog_framing.h"

namespace horolog {
namespace {

using namespace std::chrono;

constexpr std::string_view kLine = R"({"@timestamp":"2026-11-01T02:03:04.120Z","message":"hi"})";
constexpr std::string_view kEvidenceLine =
    R"({"horolog":{"time":{"corrected":"2026-11-01T02:03:05.120000Z","original":"x"}},)"
    R"("host":{"clock":{"offset_ms":1000.250,"synchronized":true}},"message":"hi"})";

Event sample(int facility, int severity, bool origin) {
  Event e;
  e.timestamp = SysNanos(sys_days(year(2026) / November / 1) + hours(2) + minutes(3) + seconds(4) +
                         milliseconds(120));
  e.precision_digits = 3;
  e.facility = static_cast<std::int16_t>(facility);
  e.severity = static_cast<std::int16_t>(severity);
  if (origin) {
    e.host = "web1";
    e.app = "sshd";
    e.pid = 42;
  }
  e.message = "Accepted password";
  e.time_original = R"(Nov  1 "02]:03\04)";
  return e;
}

struct ShapeCase {
  const char* name;
  SyslogPayload payload;
  SyslogMessage message;
  int facility;
  int severity;
  bool origin;
  std::string_view line;
  std::string expected;
};

class SyslogShape : public ::testing::TestWithParam<ShapeCase> {};

TEST_P(SyslogShape, FormatsTheEventAsDocumented) {
  const ShapeCase& c = GetParam();
  SyslogFormatter formatter(c.payload, c.message, 65536);
  std::string out;
  EXPECT_FALSE(formatter.format(sample(c.facility, c.severity, c.origin), c.line, out));
  EXPECT_EQ(out, c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Payloads, SyslogShape,
    ::testing::Values(
        ShapeCase{"rfc5424_json", SyslogPayload::rfc5424, SyslogMessage::json, 4, 2, true, kLine,
                  "<34>1 2026-11-01T02:03:04.120Z web1 sshd 42 - - " + std::string(kLine)},
        ShapeCase{"rfc5424_defaults_user_notice", SyslogPayload::rfc5424, SyslogMessage::json, -1,
                  -1, false, kLine,
                  "<13>1 2026-11-01T02:03:04.120Z - - - - - " + std::string(kLine)},
        ShapeCase{"rfc5424_original_with_evidence", SyslogPayload::rfc5424, SyslogMessage::original,
                  1, 6, true, kEvidenceLine,
                  "<14>1 2026-11-01T02:03:04.120Z web1 sshd 42 - [horolog@32473 "
                  "corrected=\"2026-11-01T02:03:05.120000Z\" offset_ms=\"1000.250\" "
                  "original=\"Nov  1 \\\"02\\]:03\\\\04\"] Accepted password"},
        ShapeCase{"rfc3164_json", SyslogPayload::rfc3164, SyslogMessage::json, 3, 3, true, kLine,
                  "<27>Nov  1 02:03:04 web1 sshd[42]: " + std::string(kLine)},
        ShapeCase{"rfc3164_original", SyslogPayload::rfc3164, SyslogMessage::original, -1, -1, true,
                  kLine, "<13>Nov  1 02:03:04 web1 sshd[42]: Accepted password"},
        ShapeCase{"cee", SyslogPayload::cee, SyslogMessage::json, -1, -1, true, kLine,
                  "<13>Nov  1 02:03:04 web1 sshd[42]: @cee: " + std::string(kLine)},
        ShapeCase{"ndjson", SyslogPayload::ndjson, SyslogMessage::json, -1, -1, true, kLine,
                  std::string(kLine)}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(SyslogFormat, HeaderFieldsBecomePrintableAndBounded) {
  Event e = sample(1, 5, true);
  e.host = "web 1\t";
  const std::string long_app(100, 'a');
  e.app = long_app;
  SyslogFormatter formatter(SyslogPayload::rfc5424, SyslogMessage::json, 65536);
  std::string out;
  formatter.format(e, "{}", out);
  EXPECT_EQ(out, "<13>1 2026-11-01T02:03:04.120Z web_1_ " + std::string(48, 'a') + " 42 - - {}");
}

TEST(SyslogFormat, KeepsAtMostSixFractionalDigitsInTheHeader) {
  Event e = sample(1, 5, true);
  e.timestamp += nanoseconds(456789);
  e.precision_digits = 9;
  SyslogFormatter formatter(SyslogPayload::rfc5424, SyslogMessage::json, 65536);
  std::string out;
  formatter.format(e, "{}", out);
  EXPECT_EQ(out.substr(0, 34), "<13>1 2026-11-01T02:03:04.120456Z ");
}

struct CutCase {
  std::string text;
  std::size_t max;
  std::string expected;
};

class Utf8Cut : public ::testing::TestWithParam<CutCase> {};

TEST_P(Utf8Cut, NeverSplitsACharacter) {
  EXPECT_EQ(cut_utf8(GetParam().text, GetParam().max), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Boundaries, Utf8Cut,
                         ::testing::Values(CutCase{"abc", 5, "abc"}, CutCase{"abc", 2, "ab"},
                                           CutCase{"a\xc3\xa9", 2, "a"},
                                           CutCase{"a\xc3\xa9", 3, "a\xc3\xa9"},
                                           CutCase{"\xe2\x82\xac\xe2\x82\xac", 5, "\xe2\x82\xac"},
                                           CutCase{"\xf0\x9f\x98\x80z", 3, ""},
                                           CutCase{"\xf0\x9f\x98\x80z", 4, "\xf0\x9f\x98\x80"},
                                           CutCase{"x", 0, ""}));

struct TruncateCase {
  const char* name;
  SyslogPayload payload;
  bool flagged;  // rfc5424 says truncated="true"
};

class SyslogTruncation : public ::testing::TestWithParam<TruncateCase> {};

TEST_P(SyslogTruncation, CutsToTheLimitAtACharacterBoundaryAndSaysSo) {
  constexpr std::size_t kLimit = 480;
  std::string line = "{\"message\":\"";
  for (int i = 0; i < 400; ++i) line += "\xc3\xa9";  // é: two bytes each
  line += "\"}";
  SyslogFormatter formatter(GetParam().payload, SyslogMessage::json, kLimit);
  std::string out;
  EXPECT_TRUE(formatter.format(sample(1, 5, true), line, out));
  EXPECT_LE(out.size(), kLimit);
  EXPECT_GE(out.size(), kLimit - 1);  // at most one byte given back to keep é whole
  EXPECT_EQ(cut_utf8(out, out.size()), out);
  EXPECT_NE(static_cast<unsigned char>(out.back()), 0xc3) << "a lead byte without its follower";
  EXPECT_EQ(out.find("truncated=\"true\"") != std::string::npos, GetParam().flagged);
  // A message within the limit is left alone.
  EXPECT_FALSE(formatter.format(sample(1, 5, true), "{}", out));
}

INSTANTIATE_TEST_SUITE_P(Payloads, SyslogTruncation,
                         ::testing::Values(TruncateCase{"rfc5424", SyslogPayload::rfc5424, true},
                                           TruncateCase{"rfc3164", SyslogPayload::rfc3164, false},
                                           TruncateCase{"cee", SyslogPayload::cee, false},
                                           TruncateCase{"ndjson", SyslogPayload::ndjson, false}),
                         [](const auto& info) { return std::string(info.param.name); });

struct EscapeCase {
  std::string value;
  std::string expected;
};

class SdEscape : public ::testing::TestWithParam<EscapeCase> {};

TEST_P(SdEscape, EscapesQuoteBackslashAndBracket) {
  std::string out;
  append_sd_escaped(out, GetParam().value);
  EXPECT_EQ(out, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Rfc5424, SdEscape,
                         ::testing::Values(EscapeCase{"plain", "plain"},
                                           EscapeCase{"a\"b", "a\\\"b"},
                                           EscapeCase{"a\\b", "a\\\\b"}, EscapeCase{"a]b", "a\\]b"},
                                           EscapeCase{"[x=\"1\"]", "[x=\\\"1\\\"\\]"},
                                           EscapeCase{"\xc3\xa9", "\xc3\xa9"}, EscapeCase{"", ""}));

struct FrameCase {
  SyslogFraming framing;
  std::string message;
  std::string expected;
};

class SyslogFrame : public ::testing::TestWithParam<FrameCase> {};

TEST_P(SyslogFrame, DelimitsEachMessage) {
  std::string out = "prev";
  append_frame(GetParam().framing, GetParam().message, out);
  EXPECT_EQ(out, "prev" + GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Framings, SyslogFrame,
    ::testing::Values(FrameCase{SyslogFraming::octet_counting, "<13>1 - - - - - hi",
                                "18 <13>1 - - - - - hi"},
                      FrameCase{SyslogFraming::octet_counting, "a\nb", "3 a\nb"},
                      FrameCase{SyslogFraming::octet_counting, "\xc3\xa9", "2 \xc3\xa9"},
                      FrameCase{SyslogFraming::lf, "<13>hi", "<13>hi\n"},
                      FrameCase{SyslogFraming::lf, "a\nb\n", "a b \n"}));

TEST(SyslogAddress, SplitsHostAndPort) {
  EXPECT_EQ(parse_syslog_address("siem.example:6514")->host, "siem.example");
  EXPECT_EQ(parse_syslog_address("siem.example:6514")->port, "6514");
  EXPECT_EQ(parse_syslog_address("[::1]:514")->host, "::1");
  EXPECT_FALSE(parse_syslog_address("siem.example").has_value());
  EXPECT_FALSE(parse_syslog_address("siem:port").has_value());
  EXPECT_FALSE(parse_syslog_address("[::1]514").has_value());
}

}  // namespace
}  // namespace horolog
