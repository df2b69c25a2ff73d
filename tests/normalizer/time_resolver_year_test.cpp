// Year inference for year-less stamps, Dec 31 -> Jan 1 crossings inside one source, Feb 29, the
// `future` flag, impossible civil times, UTC-by-definition instants and records without a
// timestamp. Leap seconds: time_resolver_leap_second_test.cpp.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/normalizer/resolver_test_support.h"

namespace horolog {
namespace {

std::vector<std::string> resolve_rfc3164(TimeResolver& resolver,
                                         const std::vector<std::string_view>& lines,
                                         std::vector<std::string>* flags = nullptr) {
  std::vector<std::string> out;
  for (std::string_view line : lines) {
    CivilTime c;
    EXPECT_GT(parse_rfc3164_time(line, c), 0u) << line;
    Event event;
    EXPECT_TRUE(resolver.resolve(c, event)) << line;
    out.push_back(test::rfc3339(event));
    if (flags != nullptr) flags->push_back(test::flag_list(event.time_flags));
  }
  return out;
}

TEST(YearInference, NewYorkDecemberToJanuaryFileMatchesTheCliExample) {
  // horolog parse --format rfc3164 --timezone America/New_York
  //               --reference-time 2027-01-01T03:00:00Z
  TimeResolver resolver(
      {Zone::find("America/New_York").value(), test::instant("2027-01-01T03:00:00Z")});
  std::vector<std::string> flags;
  const auto got = resolve_rfc3164(resolver,
                                   {"Dec 31 23:59:58", "Dec 31 23:59:59", "Jan  1 00:00:00",
                                    "Jan  1 00:00:01", "Jan  1 00:00:02"},
                                   &flags);
  EXPECT_EQ(got, (std::vector<std::string>{"2027-01-01T04:59:58Z", "2027-01-01T04:59:59Z",
                                           "2027-01-01T05:00:00Z", "2027-01-01T05:00:01Z",
                                           "2027-01-01T05:00:02Z"}));
  for (const std::string& f : flags) EXPECT_EQ(f, "year_inferred,zone_assumed");
}

TEST(YearInference, CrossingInUtcAdvancesTheYearOnce) {
  TimeResolver resolver({Zone::utc(), test::instant("2027-03-01T00:00:00Z")});
  const auto got = resolve_rfc3164(
      resolver, {"Nov 30 10:00:00", "Dec 31 23:59:59", "Jan  1 00:00:00", "Feb 20 00:00:00"});
  EXPECT_EQ(got, (std::vector<std::string>{"2026-11-30T10:00:00Z", "2026-12-31T23:59:59Z",
                                           "2027-01-01T00:00:00Z", "2027-02-20T00:00:00Z"}));
}

TEST(YearInference, LateDecemberRecordAfterJanuaryStaysInThePreviousYear) {
  TimeResolver resolver({Zone::utc(), test::instant("2027-01-05T00:00:00Z")});
  const auto got =
      resolve_rfc3164(resolver, {"Jan  1 00:00:01", "Dec 31 23:59:59", "Jan  1 00:00:02"});
  EXPECT_EQ(got, (std::vector<std::string>{"2027-01-01T00:00:01Z", "2026-12-31T23:59:59Z",
                                           "2027-01-01T00:00:02Z"}));
}

struct YearCase {
  const char* name;
  std::string_view reference;
  std::string_view stamp;  // RFC 3164, year-less
  std::string_view utc;
};

// Tolerance is the default day.
const YearCase kYearCases[] = {
    {"SameDayIsThisYear", "2026-11-26T12:00:00Z", "Nov 26 11:00:00", "2026-11-26T11:00:00Z"},
    {"WithinToleranceIsThisYear", "2026-11-26T12:00:00Z", "Nov 27 11:59:59",
     "2026-11-27T11:59:59Z"},
    {"BeyondToleranceIsLastYear", "2026-11-26T12:00:00Z", "Nov 27 12:00:01",
     "2025-11-27T12:00:01Z"},
    {"DecemberSeenInJanuaryIsLastYear", "2027-01-02T00:00:00Z", "Dec 30 00:00:00",
     "2026-12-30T00:00:00Z"},
    {"JanuarySeenOnNewYearsEveIsNextYear", "2026-12-31T23:30:00Z", "Jan  1 00:10:00",
     "2027-01-01T00:10:00Z"},
    {"Feb29TakesTheLatestLeapYear", "2027-06-01T00:00:00Z", "Feb 29 12:00:00",
     "2024-02-29T12:00:00Z"},
    {"Feb29InALeapYear", "2028-03-01T00:00:00Z", "Feb 29 12:00:00", "2028-02-29T12:00:00Z"},
    {"Feb29JustAfterALeapDay", "2029-01-01T00:00:00Z", "Feb 29 00:00:00", "2028-02-29T00:00:00Z"},
    {"Feb28NotLeap", "2027-06-01T00:00:00Z", "Feb 28 12:00:00", "2027-02-28T12:00:00Z"},
};

class YearLessStamp : public ::testing::TestWithParam<YearCase> {};

TEST_P(YearLessStamp, TakesTheLatestYearNotBeyondTheTolerance) {
  const YearCase& row = GetParam();
  TimeResolver resolver({Zone::utc(), test::instant(row.reference)});
  EXPECT_EQ(resolve_rfc3164(resolver, {row.stamp}), std::vector<std::string>{std::string(row.utc)});
}

INSTANTIATE_TEST_SUITE_P(Table, YearLessStamp, ::testing::ValuesIn(kYearCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(YearInference, ToleranceIsConfigurable) {
  TimeResolver resolver(
      {Zone::utc(), test::instant("2026-11-26T12:00:00Z"), std::chrono::minutes(5)});
  EXPECT_EQ(resolve_rfc3164(resolver, {"Nov 26 12:06:00"}),
            std::vector<std::string>{"2025-11-26T12:06:00Z"});
}

TEST(YearInference, ZoneDecidesWhetherAStampIsPastTheLimit) {
  // 2026-12-31 23:30 in Kolkata is 18:00 UTC: not beyond a reference of 19:00 UTC with no
  // tolerance, so it is this year; read as UTC it would be.
  const SysNanos reference = test::instant("2026-12-31T19:00:00Z");
  TimeResolver kolkata({Zone::find("Asia/Kolkata").value(), reference, Nanoseconds{0}});
  TimeResolver utc({Zone::utc(), reference, Nanoseconds{0}});
  EXPECT_EQ(resolve_rfc3164(kolkata, {"Dec 31 23:30:00"}),
            std::vector<std::string>{"2026-12-31T18:00:00Z"});
  EXPECT_EQ(resolve_rfc3164(utc, {"Dec 31 23:30:00"}),
            std::vector<std::string>{"2025-12-31T23:30:00Z"});
}

TEST(YearInference, StampWithAYearIsNotInferredButMayBeFuture) {
  TimeResolver resolver({Zone::utc(), test::instant("2026-11-26T12:00:00Z")});
  std::vector<std::string> flags;
  const auto got =
      resolve_rfc3164(resolver, {"Nov 26 2026 11:00:00", "Dec 26 2026 11:00:00"}, &flags);
  EXPECT_EQ(got, (std::vector<std::string>{"2026-11-26T11:00:00Z", "2026-12-26T11:00:00Z"}));
  EXPECT_EQ(flags, (std::vector<std::string>{"zone_assumed", "zone_assumed,future"}));
}

TEST(YearInference, ReinfersWhenTheSequenceYearWouldBeInTheFuture) {
  // A new reference (replay of another file through the same resolver) must win over the
  // previous record's year once that year would put a stamp beyond the limit.
  TimeResolver resolver({Zone::utc(), test::instant("2027-06-01T00:00:00Z")});
  EXPECT_EQ(resolve_rfc3164(resolver, {"May 30 00:00:00"}),
            std::vector<std::string>{"2027-05-30T00:00:00Z"});
  resolver.set_reference(test::instant("2026-06-01T00:00:00Z"));
  EXPECT_EQ(resolve_rfc3164(resolver, {"May 31 00:00:00"}),
            std::vector<std::string>{"2026-05-31T00:00:00Z"});
}

TEST(YearInference, ZeroReferenceMeansNow) {
  TimeResolver resolver({Zone::utc(), SysNanos{}});
  CivilTime c;
  ASSERT_GT(parse_rfc3164_time("Jan  1 00:00:00", c), 0u);
  Event event;
  ASSERT_TRUE(resolver.resolve(c, event));
  const auto now = std::chrono::system_clock::now();
  EXPECT_LE(event.timestamp, now + std::chrono::hours(24));
  EXPECT_GT(event.timestamp, now - std::chrono::hours(24 * 366));
}

struct BadCivil {
  const char* name;
  CivilTime civil;
};

CivilTime bad(unsigned month, unsigned day, unsigned hour, unsigned minute, unsigned second,
              int year = 0, std::uint32_t nanos = 0, std::uint8_t digits = 0) {
  CivilTime c;
  c.year = year;
  c.has_year = year != 0;
  c.month = month;
  c.day = day;
  c.hour = hour;
  c.minute = minute;
  c.second = second;
  c.nanos = nanos;
  c.digits = digits;
  return c;
}

const BadCivil kBadCivil[] = {
    {"Month0", bad(0, 1, 0, 0, 0)},
    {"Month13", bad(13, 1, 0, 0, 0)},
    {"Day0", bad(1, 0, 0, 0, 0)},
    {"Feb30", bad(2, 30, 0, 0, 0)},
    {"Feb29In2027", bad(2, 29, 0, 0, 0, 2027)},
    {"Hour24", bad(1, 1, 24, 0, 0)},
    {"Minute60", bad(1, 1, 0, 60, 0)},
    {"Second61", bad(1, 1, 0, 0, 61)},
    {"NanosOverflow", bad(1, 1, 0, 0, 0, 2026, 1'000'000'000, 9)},
    {"TenDigits", bad(1, 1, 0, 0, 0, 2026, 0, 10)},
    {"Year9999BeyondNanosecondRange", bad(12, 31, 0, 0, 0, 9999)},
    {"Year1000BeforeNanosecondRange", bad(1, 1, 0, 0, 0, 1000)},
};

class ImpossibleCivilTime : public ::testing::TestWithParam<BadCivil> {};

TEST_P(ImpossibleCivilTime, IsRefusedAndLeavesTheEventUntouched) {
  TimeResolver resolver(
      {Zone::find("Europe/Berlin").value(), test::instant("2027-01-01T00:00:00Z")});
  Event event;
  EXPECT_FALSE(resolver.resolve(GetParam().civil, event));
  EXPECT_EQ(event.timestamp, SysNanos{});
  EXPECT_TRUE(event.time_flags.empty());
  EXPECT_TRUE(event.time_zone.empty());
}

INSTANTIATE_TEST_SUITE_P(Table, ImpossibleCivilTime, ::testing::ValuesIn(kBadCivil),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(TimeResolver, UtcInstantKeepsItsDigitsAndFlagsFuture) {
  TimeResolver resolver(
      {Zone::find("Europe/Berlin").value(), test::instant("2026-11-26T00:00:00Z")});
  Event past;
  resolver.resolve_utc({test::instant("2026-11-25T00:00:00.1234567Z"), 7}, past);
  EXPECT_EQ(test::rfc3339(past), "2026-11-25T00:00:00.1234567Z");
  EXPECT_TRUE(past.time_flags.empty());
  EXPECT_TRUE(past.time_zone.empty());
  Event future;
  resolver.resolve_utc({test::instant("2026-11-28T00:00:00Z"), 0}, future);
  EXPECT_EQ(test::flag_list(future.time_flags), "future");
}

TEST(TimeResolver, MissingTimestampUsesIngestTime) {
  TimeResolver resolver({Zone::utc(), test::instant("2026-11-26T00:00:00Z")});
  Event event;
  event.created = test::instant("2026-11-26T10:59:12.000113Z");
  resolver.resolve_missing(event);
  EXPECT_EQ(event.timestamp, event.created);
  EXPECT_EQ(test::flag_list(event.time_flags), "no_timestamp");
}

}  // namespace
}  // namespace horolog
