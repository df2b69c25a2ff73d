// More than nine fractional digits, in every shape that reads a fraction: the record keeps its
// time, cut (never rounded) to the nanosecond, with 9 digits and the flag precision_truncated.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "normalizer/epoch_time.h"
#include "normalizer/ntp_time.h"
#include "normalizer/strptime_format.h"
#include "tests/normalizer/resolver_test_support.h"

namespace horolog {
namespace {

enum class Shape { rfc3339, rfc3164, ntpd_log, chrony, strptime_fraction, epoch_seconds, mjd };

struct FractionCase {
  const char* name;
  Shape shape;
  std::string_view text;
  std::string_view utc;    // written with 9 digits
  std::string_view flags;  // every time flag set
};

const FractionCase kCases[] = {
    {"Rfc3339TenDigits", Shape::rfc3339, "2026-11-26T00:00:00.1234567891Z",
     "2026-11-26T00:00:00.123456789Z", "precision_truncated"},
    {"Rfc3339TwentyDigitsAndOffset", Shape::rfc3339,
     "2026-11-26T01:00:00.12345678901234567890+01:00", "2026-11-26T00:00:00.123456789Z",
     "precision_truncated"},
    {"Rfc3339CutNotRoundedIntoTheNextDay", Shape::rfc3339, "2026-11-29T23:59:59.9999999999Z",
     "2026-11-29T23:59:59.999999999Z", "precision_truncated"},
    {"Rfc3164", Shape::rfc3164, "Nov 26 12:00:00.1234567899", "2026-11-26T12:00:00.123456789Z",
     "year_inferred,zone_assumed,precision_truncated"},
    {"NtpdLog", Shape::ntpd_log, "26 Nov 12:00:00.0000000001", "2026-11-26T12:00:00.000000000Z",
     "year_inferred,zone_assumed,precision_truncated"},
    {"Chrony", Shape::chrony, "2026-11-26 13:07:48.5677031234567", "2026-11-26T13:07:48.567703123Z",
     "precision_truncated"},
    {"StrptimePercentF", Shape::strptime_fraction, "2026-11-26 13:05:07,1234567890",
     "2026-11-26T13:05:07.123456789Z", "zone_assumed,precision_truncated"},
    {"EpochSeconds", Shape::epoch_seconds, "1792888200.1234567891",
     "2026-10-25T00:30:00.123456789Z", "precision_truncated"},
    {"MjdSeconds", Shape::mjd, "61016 2.87800000019", "2025-12-07T00:00:02.878000000Z",
     "precision_truncated"},
};

// Parses `text` as `shape` and resolves it in UTC; false when the shape refuses it.
bool resolve(Shape shape, std::string_view text, Event& event) {
  TimeResolver resolver({Zone::utc(), test::instant("2026-11-30T00:00:00Z")});
  CivilTime civil;
  UtcTime utc;
  switch (shape) {
    case Shape::rfc3339:
      return parse_rfc3339(text, civil) == text.size() && resolver.resolve(civil, event);
    case Shape::rfc3164:
      return parse_rfc3164_time(text, civil) == text.size() && resolver.resolve(civil, event);
    case Shape::ntpd_log:
      return parse_ntpd_log_time(text, civil) == text.size() && resolver.resolve(civil, event);
    case Shape::chrony:
      return parse_chrony_time(text, civil) == text.size() && resolver.resolve(civil, event);
    case Shape::strptime_fraction: {
      TimeFormat format = TimeFormat::compile("%F %T,%f").value();
      return format.parse(text, civil) == text.size() && resolver.resolve(civil, event);
    }
    case Shape::epoch_seconds: {
      TimeFormat format = TimeFormat::compile("%s").value();
      return format.parse(text, civil) == text.size() && resolver.resolve(civil, event);
    }
    case Shape::mjd:
      if (parse_mjd_time(text, utc) != text.size()) return false;
      resolver.resolve_utc(utc, event);
      return true;
  }
  return false;
}

class FractionBeyondNanoseconds : public ::testing::TestWithParam<FractionCase> {};

TEST_P(FractionBeyondNanoseconds, IsCutToNineDigitsAndFlagged) {
  const FractionCase& row = GetParam();
  Event event;
  ASSERT_TRUE(resolve(row.shape, row.text, event)) << row.text;
  std::string text;
  append_rfc3339_utc(text, event.timestamp, 9);
  EXPECT_EQ(text, row.utc);
  EXPECT_EQ(event.precision_digits, 9);
  EXPECT_EQ(test::flag_list(event.time_flags), row.flags);
}

INSTANTIATE_TEST_SUITE_P(Table, FractionBeyondNanoseconds, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(FractionBeyondNanoseconds, NineDigitsOrFewerAreNotFlagged) {
  for (std::string_view text :
       {"2026-11-26T00:00:00.123456789Z", "2026-11-26T00:00:00.1Z", "2026-11-26T00:00:00Z"}) {
    Event event;
    ASSERT_TRUE(resolve(Shape::rfc3339, text, event)) << text;
    EXPECT_TRUE(event.time_flags.empty()) << text;
  }
}

TEST(FractionBeyondNanoseconds, EpochUnitsCountTheirOwnDigits) {
  // 1792888200374 ms and 7 more digits: 10 digits of a second, the tenth one cut.
  UtcTime utc;
  const std::string_view text = "1792888200374.1234567";
  ASSERT_EQ(parse_epoch(text, EpochUnit::milliseconds, utc), text.size());
  std::string out;
  append_rfc3339_utc(out, utc.time, utc.digits);
  EXPECT_EQ(out, "2026-10-25T00:30:00.374123456Z");
  Event event;
  TimeResolver resolver({Zone::utc(), test::instant("2026-11-30T00:00:00Z")});
  resolver.resolve_utc(utc, event);
  EXPECT_EQ(test::flag_list(event.time_flags), "precision_truncated");
}

}  // namespace
}  // namespace horolog
