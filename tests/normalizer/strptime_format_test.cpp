// Accepted and rejected tables for user time formats, the fallback list, and patterns refused at
// start-up.
#include "normalizer/strptime_format.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "tests/normalizer/civil_time_printer.h"
#include "tests/normalizer/resolver_test_support.h"

namespace horolog {
namespace {

struct Accepted {
  const char* name;
  const char* pattern;
  std::string_view text;
  std::size_t consumed;
  CivilTime expected;
};

const Accepted kAccepted[] = {
    {"IsoWithFraction", "%Y-%m-%dT%H:%M:%S.%f%z", "2026-11-26T05:09:58.585746-08:00", 32,
     with_offset(civil(2026, 11, 26, 5, 9, 58, 585746000, 6), -28800)},
    {"CompactOffset", "%Y-%m-%d %H:%M:%S %z", "2026-11-26 18:39:58 +0530", 25,
     with_offset(civil(2026, 11, 26, 18, 39, 58), 19800)},
    {"HourOnlyOffset", "%F %T%z", "2026-11-26 18:39:58+05", 22,
     with_offset(civil(2026, 11, 26, 18, 39, 58), 18000)},
    {"LiteralZIsOnlyALetter", "%FT%TZ", "2026-11-26T18:39:58Z", 20,
     civil(2026, 11, 26, 18, 39, 58)},
    {"ZoneAbbreviation", "%d/%b/%Y:%H:%M:%S %Z", "26/Nov/2026:13:05:07 CEST", 25,
     with_offset(civil(2026, 11, 26, 13, 5, 7), 7200)},
    {"ZoneUtc", "%F %T %Z", "2026-11-26 13:05:07 UTC", 23,
     with_offset(civil(2026, 11, 26, 13, 5, 7), 0)},
    {"NewfoundlandAbbreviation", "%F %T %Z", "2026-11-26 09:35:07 NST", 23,
     with_offset(civil(2026, 11, 26, 9, 35, 7), -12600)},
    {"ApacheCommonLog", "%d/%b/%Y:%H:%M:%S %z", "26/Nov/2026:13:05:07 +0100", 26,
     with_offset(civil(2026, 11, 26, 13, 5, 7), 3600)},
    {"FullMonthAndWeekday", "%A, %B %d, %Y %I:%M:%S %p", "Thursday, November 26, 2026 01:05:07 PM",
     39, civil(2026, 11, 26, 13, 5, 7)},
    {"AbbreviatedWeekday", "%a %b %e %H:%M:%S %Y", "Fri Sep 17 16:37:25 2021", 24,
     civil(2021, 9, 17, 16, 37, 25)},
    {"SpacePaddedDay", "%b %e %T", "Jul  1 09:01:05", 15, civil(0, 7, 1, 9, 1, 5)},
    {"TwoDigitYear", "%D %R", "11/26/26 13:05", 14, civil(2026, 11, 26, 13, 5, 0)},
    {"TwoDigitYearLastCentury", "%y%m%d %H%M%S", "991231 235959", 13,
     civil(1999, 12, 31, 23, 59, 59)},
    {"TwelveAm", "%m/%d/%Y %I:%M:%S %p", "1/1/2027 12:00:00 am", 20, civil(2027, 1, 1, 0, 0, 0)},
    {"NineFractionDigitsComma", "%Y-%m-%d %H:%M:%S,%f", "2026-11-26 13:05:07,123456789", 29,
     civil(2026, 11, 26, 13, 5, 7, 123456789, 9)},
    {"TenFractionDigitsCut", "%F %T.%f", "2026-11-26 13:05:07.1234567899", 30,
     cut(civil(2026, 11, 26, 13, 5, 7, 123456789, 9))},
    {"LeapSecondField", "%F %T", "2016-12-31 23:59:60", 19, civil(2016, 12, 31, 23, 59, 60)},
    {"PercentLiteral", "%%%F %T", "%2026-11-26 13:05:07", 20, civil(2026, 11, 26, 13, 5, 7)},
    {"FlexibleSpaces", "%F %T", "2026-11-26\t  13:05:07", 21, civil(2026, 11, 26, 13, 5, 7)},
    {"PrefixOfLongerText", "%F %T", "2026-11-26 13:05:07 rest", 19, civil(2026, 11, 26, 13, 5, 7)},
};

const std::pair<const char*, std::string_view> kRejected[] = {
    {"%F %T", "2026-13-26 13:05:07"},
    {"%F %T", "2027-02-29 13:05:07"},
    {"%F %T", "2026-11-26 24:05:07"},
    {"%F %T", "2026-11-26 13:60:07"},
    {"%F %T", "2026-11-26 13:05:61"},
    {"%F %T", "2026/11/26 13:05:07"},
    {"%F %T", "26-11-26 13:05:07"},
    {"%b %d %T", "Noc 26 13:05:07"},
    {"%F %T %z", "2026-11-26 13:05:07 +2400"},
    {"%F %T %z", "2026-11-26 13:05:07 0100"},
    {"%F %T %Z", "2026-11-26 13:05:07 IST"},
    {"%F %T %Z", "2026-11-26 13:05:07 Mars/Base"},
    {"%m/%d/%Y %I:%M:%S %p", "1/1/2027 13:00:00 PM"},
    {"%m/%d/%Y %I:%M:%S %p", "1/1/2027 0:00:00 AM"},
    {"%F %T.%f", "2026-11-26 13:05:07."},
    {"%a %F", "Xyz 2026-11-26"},
    {"%F %T", ""},
};

class TimeFormatAccepts : public ::testing::TestWithParam<Accepted> {};

TEST_P(TimeFormatAccepts, ReadsEveryField) {
  const Accepted& row = GetParam();
  TimeFormat format = TimeFormat::compile(row.pattern).value();
  CivilTime out;
  EXPECT_EQ(format.parse(row.text, out), row.consumed) << row.pattern << " on " << row.text;
  EXPECT_EQ(out, row.expected);
}

INSTANTIATE_TEST_SUITE_P(Table, TimeFormatAccepts, ::testing::ValuesIn(kAccepted),
                         [](const auto& info) { return std::string(info.param.name); });

class TimeFormatRejects
    : public ::testing::TestWithParam<std::pair<const char*, std::string_view>> {};

TEST_P(TimeFormatRejects, ConsumesNothing) {
  TimeFormat format = TimeFormat::compile(GetParam().first).value();
  CivilTime out;
  EXPECT_EQ(format.parse(GetParam().second, out), 0u)
      << GetParam().first << " on " << GetParam().second;
}

INSTANTIATE_TEST_SUITE_P(Table, TimeFormatRejects, ::testing::ValuesIn(kRejected));

TEST(TimeFormat, BadPatternsAreRefusedAtStartUp) {
  for (const char* pattern :
       {"%Y-%m-%d %Q", "%H:%M:%S", "%Y-%m %H", "%F %I:%M", "%F %H %p", "%F %"}) {
    const Result<TimeFormat> format = TimeFormat::compile(pattern);
    ASSERT_FALSE(format) << pattern;
    EXPECT_EQ(format.error().code(), ErrorCode::invalid_config) << pattern;
    EXPECT_NE(format.error().message().find(pattern), std::string::npos) << pattern;
  }
}

TEST(TimeFormat, IanaZoneNameIsAppliedByTheResolverWithoutBeingAssumed) {
  TimeFormat format = TimeFormat::compile("%F %T %Z").value();
  CivilTime c;
  const std::string_view text = "2026-10-25 02:30:00 Europe/Berlin";
  ASSERT_EQ(format.parse(text, c), text.size());
  ASSERT_NE(c.zone, nullptr);
  TimeResolver resolver(
      {Zone::find("America/New_York").value(), test::instant("2027-01-01T00:00:00Z")});
  Event event;
  ASSERT_TRUE(resolver.resolve(c, event));
  EXPECT_EQ(test::rfc3339(event), "2026-10-25T00:30:00Z");
  EXPECT_EQ(event.time_zone, "Europe/Berlin");
  EXPECT_EQ(test::flag_list(event.time_flags), "dst_fold");
}

TEST(TimeFormat, RepeatedZoneNameIsLookedUpOnce) {
  TimeFormat format = TimeFormat::compile("%F %T %Z").value();
  CivilTime first;
  CivilTime second;
  ASSERT_GT(format.parse("2026-11-26 13:05:07 Asia/Kolkata", first), 0u);
  ASSERT_GT(format.parse("2026-11-27 13:05:07 Asia/Kolkata", second), 0u);
  EXPECT_EQ(first.zone, second.zone);
}

TEST(TimeFormatList, FirstFormatThatReadsTheWholeTextWins) {
  TimeFormatList formats =
      TimeFormatList::compile({"%F %T", "%F %T.%f", "%d.%m.%Y %H:%M:%S", "%b %e %T"}).value();
  CivilTime c;
  EXPECT_EQ(formats.parse("2026-11-26 13:05:07", c), 0);
  EXPECT_EQ(formats.parse("2026-11-26 13:05:07.25", c), 1);
  EXPECT_EQ(c.nanos, 250000000u);
  EXPECT_EQ(formats.parse("26.11.2026 13:05:07", c), 2);
  EXPECT_EQ(formats.parse("Nov  6 13:05:07", c), 3);
  EXPECT_FALSE(c.has_year);
  EXPECT_EQ(formats.parse("2026-11-26 13:05:07 trailing", c), -1);
  EXPECT_EQ(formats.parse("", c), -1);
}

TEST(TimeFormatList, BadPatternAnywhereInTheListIsRefused) {
  const Result<TimeFormatList> formats = TimeFormatList::compile({"%F %T", "%F %Q"});
  ASSERT_FALSE(formats);
  EXPECT_NE(formats.error().message().find("%F %Q"), std::string::npos);
}

}  // namespace
}  // namespace horolog
