// Leap seconds: which `:60` stamps are accepted (where a leap second falls in UTC, and 23:59:60
// at a month's end in the stamp's own zone or offset), the instant each maps to, and how the
// `:59` before it is resolved across DST gaps, folds and clock changes at midnight.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "tests/normalizer/resolver_test_support.h"

namespace horolog {
namespace {

struct LeapCase {
  const char* name;
  const char* zone;
  std::string_view text;  // RFC 3339
  bool accepted;
  std::string_view utc;    // the last nanosecond of the `:59`, written with the stamp's digits
  std::string_view flags;  // every time flag set
};

const LeapCase kLeapCases[] = {
    // Where IERS inserts them: after 23:59:59 UTC on the last day of a month, in any notation.
    {"Utc2016", "UTC", "2016-12-31T23:59:60Z", true, "2016-12-31T23:59:59Z", "leap_second"},
    {"Utc2016Fraction", "UTC", "2016-12-31T23:59:60.5Z", true, "2016-12-31T23:59:59.9Z",
     "leap_second"},
    {"Utc2016Nanos", "UTC", "2016-12-31T23:59:60.000000000Z", true,
     "2016-12-31T23:59:59.999999999Z", "leap_second"},
    {"June2015", "UTC", "2015-06-30T23:59:60Z", true, "2015-06-30T23:59:59Z", "leap_second"},
    {"WithOffset", "UTC", "2017-01-01T00:59:60+01:00", true, "2016-12-31T23:59:59Z", "leap_second"},
    {"Rfc3339Example", "UTC", "1990-12-31T15:59:60-08:00", true, "1990-12-31T23:59:59Z",
     "leap_second"},
    {"ZoneAssumedBerlin", "Europe/Berlin", "2017-01-01T00:59:60", true, "2016-12-31T23:59:59Z",
     "zone_assumed,leap_second"},
    // 23:59:60 at the end of a month in the stamp's own time: how clocks kept in local time
    // write it. The instant is the end of that zone's 23:59:59.
    {"LocalEndOfYearBerlin", "Europe/Berlin", "2016-12-31T23:59:60", true, "2016-12-31T22:59:59Z",
     "zone_assumed,leap_second"},
    {"LocalEndOfYearNewYork", "America/New_York", "2016-12-31T23:59:60", true,
     "2017-01-01T04:59:59Z", "zone_assumed,leap_second"},
    {"LocalEndOfJuneInSummerTime", "Europe/Berlin", "2015-06-30T23:59:60.25", true,
     "2015-06-30T21:59:59.99Z", "zone_assumed,leap_second"},
    {"LocalEndOfAnyMonth", "Asia/Kolkata", "2026-11-30T23:59:60", true, "2026-11-30T18:29:59Z",
     "zone_assumed,leap_second"},
    {"OffsetEndOfMonth", "UTC", "2016-12-31T23:59:60+01:00", true, "2016-12-31T22:59:59Z",
     "leap_second"},
    // Across DST: the 23:59:59 before it is resolved like any local time.
    {"FoldFirstPassCairo", "Africa/Cairo", "2024-10-31T23:59:60", true, "2024-10-31T20:59:59Z",
     "zone_assumed,dst_fold,leap_second"},
    {"GapSofia", "Europe/Sofia", "1979-03-31T23:59:60", true, "1979-03-31T21:59:59Z",
     "zone_assumed,dst_gap,leap_second"},
    {"ClocksJumpAtMidnightAmman", "Asia/Amman", "2016-03-31T23:59:60", true, "2016-03-31T21:59:59Z",
     "zone_assumed,leap_second"},
    // Anywhere else a :60 is refused.
    {"NotAtEndOfDay", "UTC", "2016-12-31T12:59:60Z", false, "", ""},
    {"NotAtEndOfMonth", "UTC", "2016-12-30T23:59:60Z", false, "", ""},
    {"LocalNotAtEndOfMonth", "Europe/Berlin", "2016-12-30T23:59:60", false, "", ""},
    {"LocalNotAtEndOfDay", "Europe/Berlin", "2016-12-31T22:59:60", false, "", ""},
    {"OffsetNotAtEndOfDay", "UTC", "2016-12-31T23:58:60+01:00", false, "", ""},
};

class LeapSecond : public ::testing::TestWithParam<LeapCase> {};

TEST_P(LeapSecond, MapsToTheLastNanosecondOfTheSecondBeforeItOnlyAtAMonthEnd) {
  const LeapCase& row = GetParam();
  TimeResolver resolver({Zone::find(row.zone).value(), test::instant("2027-01-01T00:00:00Z")});
  CivilTime c;
  ASSERT_EQ(parse_rfc3339(row.text, c), row.text.size());
  Event event;
  ASSERT_EQ(resolver.resolve(c, event), row.accepted);
  if (!row.accepted) {
    EXPECT_EQ(event.timestamp, SysNanos{}) << "a refused stamp leaves the event untouched";
    return;
  }
  EXPECT_EQ(test::rfc3339(event), row.utc);
  EXPECT_EQ(test::flag_list(event.time_flags), row.flags);
  EXPECT_EQ(event.timestamp.time_since_epoch().count() % 1'000'000'000, 999'999'999);
}

INSTANTIATE_TEST_SUITE_P(Table, LeapSecond, ::testing::ValuesIn(kLeapCases),
                         [](const auto& info) { return std::string(info.param.name); });

std::vector<std::string> resolve_all(TimeResolver& resolver,
                                     const std::vector<std::string_view>& stamps) {
  std::vector<std::string> out;
  for (std::string_view stamp : stamps) {
    CivilTime c;
    EXPECT_EQ(parse_rfc3339(stamp, c), stamp.size()) << stamp;
    Event event;
    EXPECT_TRUE(resolver.resolve(c, event)) << stamp;
    std::string text;
    append_rfc3339_utc(text, event.timestamp, 9);
    out.push_back(text);
  }
  return out;
}

TEST(LeapSecond, LocalEndOfMonthInTheSecondPassOfAFoldFollowsRecordOrder) {
  // Cairo left summer time at 24:00 on 2024-10-31: 23:00-23:59:59 came twice. A record that goes
  // back in time is in the second pass, and so is the 23:59:60 after it.
  TimeResolver resolver(
      {Zone::find("Africa/Cairo").value(), test::instant("2025-01-01T00:00:00Z")});
  EXPECT_EQ(resolve_all(resolver, {"2024-10-31T23:30:00", "2024-10-31T23:10:00",
                                   "2024-10-31T23:59:60", "2024-11-01T00:00:00"}),
            (std::vector<std::string>{
                "2024-10-31T20:30:00.000000000Z", "2024-10-31T21:10:00.000000000Z",
                "2024-10-31T21:59:59.999999999Z", "2024-10-31T22:00:00.000000000Z"}));
}

TEST(LeapSecond, YearLessLocalEndOfYearTakesTheInferredYear) {
  TimeResolver resolver(
      {Zone::find("America/New_York").value(), test::instant("2027-01-01T12:00:00Z")});
  CivilTime c;
  ASSERT_EQ(parse_rfc3164_time("Dec 31 23:59:60", c), 15u);
  Event event;
  ASSERT_TRUE(resolver.resolve(c, event));
  std::string text;
  append_rfc3339_utc(text, event.timestamp, 9);
  EXPECT_EQ(text, "2027-01-01T04:59:59.999999999Z");
  EXPECT_EQ(test::flag_list(event.time_flags), "year_inferred,zone_assumed,leap_second");
}

}  // namespace
}  // namespace horolog
