// JSON lines and user regex formats, and the strptime-style time patterns both use.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "normalizer/strptime_format.h"
#include "parsers/json/json_lines_parser.h"
#include "parsers/regex/regex_parser.h"
#include "tests/parsers/parse_harness.h"
#include "tests/support/test_paths.h"

namespace horolog {
namespace {

using test::iso;

struct PatternCase {
  std::string name;
  std::string format;
  std::string text;
  std::string time;  // expected UTC; empty = must not match
};

// The user formats these parsers take (time_format:) as they see them: whole text or nothing.
class UserTimeFormatTable : public testing::TestWithParam<PatternCase> {};

TEST_P(UserTimeFormatTable, MatchesWholeTextOrNothing) {
  const PatternCase& c = GetParam();
  TimeFormatList formats = TimeFormatList::compile({c.format}).value();
  CivilTime civil;
  const bool matched = formats.parse(c.text, civil) == 0;
  ASSERT_EQ(matched, !c.time.empty());
  if (!matched) return;
  TimeResolver resolver(TimeResolverSettings{Zone::utc(), test::reference_time()});
  Event event;
  ASSERT_TRUE(resolver.resolve(civil, event));
  EXPECT_EQ(iso(event.timestamp), c.time);
}

INSTANTIATE_TEST_SUITE_P(
    UserTimeFormat, UserTimeFormatTable,
    testing::Values(PatternCase{"date_time", "%Y-%m-%d %H:%M:%S", "2026-11-26 12:00:01",
                                "2026-11-26T12:00:01.000000000Z"},
                    PatternCase{"fraction_and_offset", "%FT%T.%f%z", "2026-11-26T12:00:01.5+01:00",
                                "2026-11-26T11:00:01.500000000Z"},
                    PatternCase{"month_name", "%d/%b/%Y:%T %z", "26/Nov/2026:12:00:01 -0500",
                                "2026-11-26T17:00:01.000000000Z"},
                    PatternCase{"epoch", "%s", "1764158401.25", "2025-11-26T12:00:01.250000000Z"},
                    PatternCase{"two_digit_year", "%y%m%d %H%M%S", "261126 120001",
                                "2026-11-26T12:00:01.000000000Z"},
                    PatternCase{"trailing_text_rejected", "%Y-%m-%d", "2026-11-26x", ""},
                    PatternCase{"short_text_rejected", "%Y-%m-%d %H:%M", "2026-11-26", ""},
                    PatternCase{"bad_month_name_rejected", "%b %d", "Foo 26", ""}),
    [](const testing::TestParamInfo<PatternCase>& info) { return info.param.name; });

TEST(UserTimeFormat, UnknownConversionIsAConfigError) {
  EXPECT_FALSE(TimeFormatList::compile({"%Q"}));
  EXPECT_FALSE(TimeFormatList::compile({"%Y %"}));
}

TEST(JsonLines, TimeAndMessageKeysFillTheEventOthersBecomeFields) {
  test::ParseHarness h;
  const auto parser = JsonLinesParser::create(ParserOptions{}).value();
  ASSERT_EQ(h.parse(*parser,
                    R"({"@timestamp":"2026-11-26T11:00:01.734Z","message":"hi \"you\"",)"
                    R"("level":"info","n":42,"x":1.5,"ok":true,"nested":{"a":[1,2]},"none":null})"),
            ParseStatus::ok);
  const Event& e = h.event();
  EXPECT_EQ(iso(e.timestamp), "2026-11-26T11:00:01.734000000Z");
  EXPECT_EQ(e.precision_digits, 3);
  EXPECT_EQ(e.message, "hi \"you\"");
  EXPECT_EQ(h.field("json.level")->value.text, "info");
  EXPECT_EQ(h.field("json.n")->value.i64, 42);
  EXPECT_DOUBLE_EQ(h.field("json.x")->value.f64, 1.5);
  EXPECT_TRUE(h.field("json.ok")->value.b);
  EXPECT_EQ(h.field("json.nested")->value.kind, FieldValue::Kind::json);
  EXPECT_EQ(h.field("json.nested")->value.text, R"({"a":[1,2]})");
  EXPECT_EQ(h.field("json.none")->value.text, "null");
  EXPECT_EQ(h.field("@timestamp"), nullptr);
}

TEST(JsonLines, ConfiguredKeysAndTimeFormat) {
  ParserOptions options;
  options.time_key = "ts";
  options.message_key = "text";
  options.time_format = {"%d/%m/%Y %H:%M:%S"};
  test::ParseHarness h;
  const auto parser = JsonLinesParser::create(options).value();
  ASSERT_EQ(h.parse(*parser, R"({"ts":"26/11/2026 12:00:01","text":"m","message":"other"})"),
            ParseStatus::ok);
  EXPECT_EQ(iso(h.event().timestamp), "2026-11-26T12:00:01.000000000Z");
  EXPECT_EQ(h.event().message, "m");
  EXPECT_EQ(h.field("json.message")->value.text, "other");
}

TEST(JsonLines, EpochMillisecondsTime) {
  test::ParseHarness h;
  const auto parser = JsonLinesParser::create(ParserOptions{}).value();
  ASSERT_EQ(h.parse(*parser, R"({"time":1764158401250,"msg":"m"})"), ParseStatus::ok);
  EXPECT_EQ(iso(h.event().timestamp), "2025-11-26T12:00:01.250000000Z");
}

TEST(JsonLines, MissingTimeIsPartialWithIngestTime) {
  test::ParseHarness h;
  const auto parser = JsonLinesParser::create(ParserOptions{}).value();
  EXPECT_EQ(h.parse(*parser, R"({"message":"no time"})"), ParseStatus::partial);
  EXPECT_TRUE(h.event().time_flags.has(TimeFlag::no_timestamp));
  EXPECT_EQ(h.event().timestamp, test::reference_time());
}

class JsonRejects : public testing::TestWithParam<std::string> {};

TEST_P(JsonRejects, EmitsRawRecordWithParseError) {
  test::ParseHarness h;
  const auto parser = JsonLinesParser::create(ParserOptions{}).value();
  EXPECT_EQ(h.parse(*parser, GetParam()), ParseStatus::error);
  EXPECT_TRUE(h.event().has(EventFlag::parse_error));
  EXPECT_EQ(h.event().message, GetParam());
}

INSTANTIATE_TEST_SUITE_P(JsonLines, JsonRejects,
                         testing::Values("not json", "[1,2]", "{\"a\":", "{\"a\" 1}", "\"text\"",
                                         "{\"a\":tru}", std::string("{\"a\":\"\xff\"}"),
                                         // Nested values are kept as JSON text, so their
                                         // brackets must match, not only balance in depth.
                                         "{\"a\":{\"b\":\"x\",\"c\"],\"d\":1}",
                                         "{\"a\":[1,2},\"b\":2}", "{\"a\":{\"b\" 1}}",
                                         "{\"a\":[tru]}"));

TEST(JsonLines, WinlogbeatSampleParsesWithoutErrors) {
  HOROLOG_SHARED_SAMPLE(path, "winevent-json/handwritten_winlogbeat.ndjson");
  const auto parser = JsonLinesParser::create(ParserOptions{}).value();
  const test::SampleWalk walk = test::walk_sample(*parser, path);
  EXPECT_EQ(walk.events, walk.lines);
  EXPECT_EQ(walk.parse_errors, 0u) << walk.first_error;
}

ParserOptions regex_options(std::string pattern) {
  ParserOptions options;
  options.pattern = std::move(pattern);
  options.time_format = {"%d/%b/%Y:%H:%M:%S %z"};
  return options;
}

TEST(Regex, NamedGroupsFillEventAndFields) {
  test::ParseHarness h;
  const auto parser =
      RegexParser::create(
          regex_options(
              R"re(^(?P<host>\S+) \S+ (?P<user>\S+) \[(?P<time>[^\]]+)\] "(?P<message>[^"]*)" (?P<status>\d+))re"))
          .value();
  ASSERT_EQ(
      h.parse(*parser, R"(192.0.2.1 - alice [26/Nov/2026:12:00:01 +0100] "GET / HTTP/1.1" 200)"),
      ParseStatus::ok);
  const Event& e = h.event();
  EXPECT_EQ(e.host, "192.0.2.1");
  EXPECT_EQ(e.message, "GET / HTTP/1.1");
  EXPECT_EQ(iso(e.timestamp), "2026-11-26T11:00:01.000000000Z");
  EXPECT_EQ(h.field("user")->value.text, "alice");
  EXPECT_EQ(h.field("status")->value.text, "200");
}

TEST(Regex, NonMatchingRecordIsAParseError) {
  test::ParseHarness h;
  const auto parser =
      RegexParser::create(regex_options(R"(^(?P<app>\w+)\[(?P<pid>\d+)\]$)")).value();
  EXPECT_EQ(h.parse(*parser, "no match here"), ParseStatus::error);
  EXPECT_TRUE(h.event().has(EventFlag::parse_error));
  ASSERT_EQ(h.parse(*parser, "sshd[42]"), ParseStatus::ok);
  EXPECT_EQ(h.event().app, "sshd");
  EXPECT_EQ(h.event().pid, 42);
  EXPECT_TRUE(h.event().time_flags.has(TimeFlag::no_timestamp));
}

TEST(Regex, BadOrMissingPatternIsAConfigError) {
  const auto unclosed = RegexParser::create(regex_options("(unclosed"));
  ASSERT_FALSE(unclosed);
  EXPECT_EQ(unclosed.error().code(), ErrorCode::invalid_config);
  EXPECT_NE(unclosed.error().message().find("(unclosed"), std::string::npos);
  const auto missing = RegexParser::create(ParserOptions{});
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message().find("needs a pattern"), std::string::npos);
}

}  // namespace
}  // namespace horolog
