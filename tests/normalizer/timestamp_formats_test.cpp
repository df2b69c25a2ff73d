// Accepted and rejected tables for the syslog, ISO 8601, ntpd and chrony timestamp shapes.
#include "normalizer/timestamp_formats.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/normalizer/civil_time_printer.h"

namespace horolog {
namespace {

using ShapeParser = std::size_t (*)(std::string_view, CivilTime&) noexcept;

struct Accepted {
  const char* name;
  ShapeParser parse;
  std::string_view text;
  std::size_t consumed;
  CivilTime expected;
};

struct Rejected {
  const char* name;
  ShapeParser parse;
  std::string_view text;
};

constexpr int kNoYear = 0;

const Accepted kAccepted[] = {
    {"Rfc3164Padded", parse_rfc3164_time, "Nov 26 12:00:01 host", 15,
     civil(kNoYear, 11, 26, 12, 0, 1)},
    {"Rfc3164SpacePaddedDay", parse_rfc3164_time, "Jul  1 09:01:05", 15,
     civil(kNoYear, 7, 1, 9, 1, 5)},
    {"Rfc3164ZeroPaddedDay", parse_rfc3164_time, "Jul 01 09:01:05", 15,
     civil(kNoYear, 7, 1, 9, 1, 5)},
    {"Rfc3164UnpaddedDay", parse_rfc3164_time, "Apr 4 03:39:57 ---", 14,
     civil(kNoYear, 4, 4, 3, 39, 57)},
    {"Rfc3164WithYear", parse_rfc3164_time, "Nov 26 2026 12:00:00 x", 20,
     civil(2026, 11, 26, 12, 0, 0)},
    {"Rfc3164Fraction3", parse_rfc3164_time, "Dec 31 23:59:58.123", 19,
     civil(kNoYear, 12, 31, 23, 59, 58, 123000000, 3)},
    {"Rfc3164Fraction9", parse_rfc3164_time, "Dec 31 23:59:58.123456789", 25,
     civil(kNoYear, 12, 31, 23, 59, 58, 123456789, 9)},
    {"Rfc3164TenFractionDigits", parse_rfc3164_time, "Nov 26 12:00:00.1234567899 h", 26,
     cut(civil(kNoYear, 11, 26, 12, 0, 0, 123456789, 9))},
    {"Rfc3164Feb29NoYear", parse_rfc3164_time, "Feb 29 00:00:00", 15,
     civil(kNoYear, 2, 29, 0, 0, 0)},
    {"Rfc3164LowerCaseMonth", parse_rfc3164_time, "sep 17 16:37:25", 15,
     civil(kNoYear, 9, 17, 16, 37, 25)},
    {"Rfc3164LeapSecond", parse_rfc3164_time, "Dec 31 23:59:60", 15,
     civil(kNoYear, 12, 31, 23, 59, 60)},
    {"Rfc3339Z", parse_rfc3339, "2026-11-26T11:00:01Z", 20,
     with_offset(civil(2026, 11, 26, 11, 0, 1), 0)},
    {"Rfc3339LowerZ", parse_rfc3339, "2026-11-26t11:00:01z", 20,
     with_offset(civil(2026, 11, 26, 11, 0, 1), 0)},
    {"Rfc3339ColonOffset", parse_rfc3339, "2026-11-26T05:09:58.585746-08:00 ws", 32,
     with_offset(civil(2026, 11, 26, 5, 9, 58, 585746000, 6), -8 * 3600)},
    {"Rfc3339CompactOffset", parse_rfc3339, "2026-11-26T18:39:58+0530", 24,
     with_offset(civil(2026, 11, 26, 18, 39, 58), 5 * 3600 + 30 * 60)},
    {"Rfc3339NegativeHalfHour", parse_rfc3339, "2026-11-26T09:39:58.377-03:30", 29,
     with_offset(civil(2026, 11, 26, 9, 39, 58, 377000000, 3), -(3 * 3600 + 30 * 60))},
    {"Rfc3339Chatham", parse_rfc3339, "2026-11-27T02:54:58+13:45", 25,
     with_offset(civil(2026, 11, 27, 2, 54, 58), 13 * 3600 + 45 * 60)},
    {"Rfc3339NoOffset", parse_rfc3339, "2026-11-26T08:07:48 ntpd", 19,
     civil(2026, 11, 26, 8, 7, 48)},
    {"Rfc3339SpaceSeparator", parse_rfc3339, "2016-12-13 11:35:28.420", 23,
     civil(2016, 12, 13, 11, 35, 28, 420000000, 3)},
    {"Rfc3339SevenDigits", parse_rfc3339, "2026-10-25T02:30:03.0993169+02:00", 33,
     with_offset(civil(2026, 10, 25, 2, 30, 3, 99316900, 7), 7200)},
    {"Rfc3339NineDigits", parse_rfc3339, "2026-11-26T00:00:00.629183600Z", 30,
     with_offset(civil(2026, 11, 26, 0, 0, 0, 629183600, 9), 0)},
    {"Rfc3339TenFractionDigits", parse_rfc3339, "2026-11-26T00:00:00.1234567899Z", 31,
     cut(with_offset(civil(2026, 11, 26, 0, 0, 0, 123456789, 9), 0))},
    {"Rfc3339CutNotRounded", parse_rfc3339, "2026-12-31T23:59:59.99999999999+01:00", 37,
     cut(with_offset(civil(2026, 12, 31, 23, 59, 59, 999999999, 9), 3600))},
    {"Rfc3339OneDigit", parse_rfc3339, "2026-11-26T00:00:00.5Z", 22,
     with_offset(civil(2026, 11, 26, 0, 0, 0, 500000000, 1), 0)},
    // A separator without digits is not part of the stamp (CSV puts a comma right after it).
    {"Rfc3339CommaAfterSeconds", parse_rfc3339, "2026-11-26 00:00:00,x", 19,
     civil(2026, 11, 26, 0, 0, 0)},
    {"Rfc3339CommaFraction", parse_rfc3339, "2026-11-26T00:00:00,25Z", 23,
     with_offset(civil(2026, 11, 26, 0, 0, 0, 250000000, 2), 0)},
    {"Rfc3339LeapSecond", parse_rfc3339, "2016-12-31T23:59:60Z", 20,
     with_offset(civil(2016, 12, 31, 23, 59, 60), 0)},
    {"Rfc3339Feb29LeapYear", parse_rfc3339, "2028-02-29T12:00:00Z", 20,
     with_offset(civil(2028, 2, 29, 12, 0, 0), 0)},
    {"Rfc3339MinusZeroIsUtc", parse_rfc3339, "2026-11-26T00:00:00-00:00", 25,
     with_offset(civil(2026, 11, 26, 0, 0, 0), 0)},
    {"NtpdLog", parse_ntpd_log_time, "26 Nov 12:00:00 ntpd[1]", 15,
     civil(kNoYear, 11, 26, 12, 0, 0)},
    {"NtpdLogOneDigitDay", parse_ntpd_log_time, "6 Nov 12:39:55", 14,
     civil(kNoYear, 11, 6, 12, 39, 55)},
    // ntpd's own logfile: "%2d %s %02d:%02d:%02d", the padding space is part of the stamp.
    {"NtpdLogSpacePaddedDay", parse_ntpd_log_time, " 7 Dec 10:11:12 ntpd[123]", 15,
     civil(kNoYear, 12, 7, 10, 11, 12)},
    {"NtpdLogSpacePaddedFirstOfMonth", parse_ntpd_log_time, " 1 Jan 00:00:00", 15,
     civil(kNoYear, 1, 1, 0, 0, 0)},
    {"Chrony", parse_chrony_time, "2026-11-26 13:07:51 127.0.0.1", 19,
     with_offset(civil(2026, 11, 26, 13, 7, 51), 0)},
    {"ChronyMicros", parse_chrony_time, "2026-11-26 13:07:48.567703 GPS", 26,
     with_offset(civil(2026, 11, 26, 13, 7, 48, 567703000, 6), 0)},
};

const Rejected kRejected[] = {
    {"Rfc3164Empty", parse_rfc3164_time, ""},
    {"Rfc3164UnknownMonth", parse_rfc3164_time, "Noc 26 12:00:00"},
    {"Rfc3164DayZero", parse_rfc3164_time, "Nov 0 12:00:00"},
    {"Rfc3164Day31InNovember", parse_rfc3164_time, "Nov 31 12:00:00"},
    {"Rfc3164Feb30", parse_rfc3164_time, "Feb 30 12:00:00"},
    {"Rfc3164Feb29NonLeapYear", parse_rfc3164_time, "Feb 29 2027 12:00:00"},
    {"Rfc3164Hour24", parse_rfc3164_time, "Nov 26 24:00:00"},
    {"Rfc3164Minute60", parse_rfc3164_time, "Nov 26 12:60:00"},
    {"Rfc3164Second61", parse_rfc3164_time, "Nov 26 12:00:61"},
    {"Rfc3164MissingSeconds", parse_rfc3164_time, "Nov 26 12:00"},
    {"Rfc3164RunsIntoDigit", parse_rfc3164_time, "Nov 26 12:00:001"},
    {"Rfc3164ThreeDigitDay", parse_rfc3164_time, "Nov 126 12:00:00"},
    {"Rfc3164Truncated", parse_rfc3164_time, "Nov"},
    {"Rfc3339Empty", parse_rfc3339, ""},
    {"Rfc3339Month13", parse_rfc3339, "2026-13-01T00:00:00Z"},
    {"Rfc3339Month0", parse_rfc3339, "2026-00-01T00:00:00Z"},
    {"Rfc3339Feb29NonLeapYear", parse_rfc3339, "2026-02-29T00:00:00Z"},
    {"Rfc3339Apr31", parse_rfc3339, "2026-04-31T00:00:00Z"},
    {"Rfc3339Hour24", parse_rfc3339, "2026-11-26T24:00:00Z"},
    {"Rfc3339NoSeparator", parse_rfc3339, "2026-11-26X00:00:00Z"},
    {"Rfc3339ShortYear", parse_rfc3339, "26-11-26T00:00:00Z"},
    {"Rfc3339BadOffsetHour", parse_rfc3339, "2026-11-26T00:00:00+24:00"},
    {"Rfc3339BadOffsetMinute", parse_rfc3339, "2026-11-26T00:00:00+01:60"},
    {"Rfc3339TruncatedOffset", parse_rfc3339, "2026-11-26T00:00:00+01"},
    {"Rfc3339DateOnly", parse_rfc3339, "2026-11-26"},
    {"NtpdLogMonthFirst", parse_ntpd_log_time, "Nov 26 12:00:00"},
    {"NtpdLogNoDay", parse_ntpd_log_time, " Nov 12:00:00"},
    {"NtpdLogTwoSpacesBeforeDay", parse_ntpd_log_time, "  7 Dec 10:11:12"},
    {"NtpdLogSpaceBeforeTwoDigitDay", parse_ntpd_log_time, " 17 Dec 10:11:12"},
    {"NtpdLogSpacePaddedDayZero", parse_ntpd_log_time, " 0 Dec 10:11:12"},
    {"ChronyWithT", parse_chrony_time, "2026-11-26T13:07:51"},
    {"ChronyWithOffset", parse_chrony_time, "2026-11-26 13:07:51Z"},
};

class TimestampShapeAccepts : public ::testing::TestWithParam<Accepted> {};
class TimestampShapeRejects : public ::testing::TestWithParam<Rejected> {};

TEST_P(TimestampShapeAccepts, ReadsEveryField) {
  const Accepted& row = GetParam();
  CivilTime out;
  EXPECT_EQ(row.parse(row.text, out), row.consumed) << row.text;
  EXPECT_EQ(out, row.expected) << row.text;
}

TEST_P(TimestampShapeRejects, ConsumesNothing) {
  const Rejected& row = GetParam();
  CivilTime out;
  EXPECT_EQ(row.parse(row.text, out), 0u) << row.text;
}

std::string accepted_name(const ::testing::TestParamInfo<Accepted>& info) {
  return info.param.name;
}
std::string rejected_name(const ::testing::TestParamInfo<Rejected>& info) {
  return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(Table, TimestampShapeAccepts, ::testing::ValuesIn(kAccepted),
                         accepted_name);
INSTANTIATE_TEST_SUITE_P(Table, TimestampShapeRejects, ::testing::ValuesIn(kRejected),
                         rejected_name);

TEST(TimestampShapes, NeverReadPastTheEndOfEveryPrefix) {
  // Every prefix of a valid stamp is either refused or read within its own length (ASan checks
  // that no byte beyond the view is touched).
  const std::string_view full = "2026-11-26T05:09:58.585746-08:00";
  for (std::size_t n = 0; n <= full.size(); ++n) {
    const std::string prefix(full.substr(0, n));
    CivilTime out;
    EXPECT_LE(parse_rfc3339(prefix, out), n);
    EXPECT_LE(parse_rfc3164_time(prefix, out), n);
  }
}

}  // namespace
}  // namespace horolog
