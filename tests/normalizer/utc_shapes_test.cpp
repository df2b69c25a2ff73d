// Accepted and rejected tables for the shapes that are UTC by definition: NTP statistics MJD,
// Unix epoch numbers, PowerShell /Date(ms)/ and FILETIME.
#include <gtest/gtest.h>

#include <string>

#include "normalizer/epoch_time.h"
#include "normalizer/ntp_time.h"
#include "normalizer/rfc3339_format.h"
#include "normalizer/windows_time.h"

namespace horolog {
namespace {

using UtcParser = std::size_t (*)(std::string_view, UtcTime&);

std::size_t mjd(std::string_view s, UtcTime& out) { return parse_mjd_time(s, out); }
std::size_t dotnet(std::string_view s, UtcTime& out) { return parse_dotnet_json_date(s, out); }
std::size_t epoch_auto(std::string_view s, UtcTime& out) {
  return parse_epoch(s, EpochUnit::automatic, out);
}
std::size_t epoch_s(std::string_view s, UtcTime& out) {
  return parse_epoch(s, EpochUnit::seconds, out);
}
std::size_t epoch_ms(std::string_view s, UtcTime& out) {
  return parse_epoch(s, EpochUnit::milliseconds, out);
}
std::size_t epoch_us(std::string_view s, UtcTime& out) {
  return parse_epoch(s, EpochUnit::microseconds, out);
}
std::size_t epoch_ns(std::string_view s, UtcTime& out) {
  return parse_epoch(s, EpochUnit::nanoseconds, out);
}

struct Accepted {
  const char* name;
  UtcParser parse;
  std::string_view text;
  std::size_t consumed;
  std::string_view utc;  // written with the parsed digits
  bool leap_second = false;
  bool precision_truncated = false;
};

const Accepted kAccepted[] = {
    // MJD 61016 = 2025-12-07, MJD 61370 = 2026-11-26 (samples' README); 40587 = Unix epoch.
    {"MjdPfsenseLoopstats", mjd, "61016 2.878 0.000001853", 11, "2025-12-07T00:00:02.878Z"},
    {"MjdNtpsecLoopstats", mjd, "61370 47270.713 -0.000010842", 15, "2026-11-26T13:07:50.713Z"},
    {"MjdUnixEpoch", mjd, "40587 0", 7, "1970-01-01T00:00:00Z"},
    {"MjdNanosecond", mjd, "51544 0.000000001", 17, "2000-01-01T00:00:00.000000001Z"},
    {"MjdLastSecondOfDay", mjd, "61016 86399.999", 15, "2025-12-07T23:59:59.999Z"},
    {"MjdSeveralSpaces", mjd, "61016  10.878", 13, "2025-12-07T00:00:10.878Z"},
    {"MjdLeapSecond", mjd, "57753 86400.5", 13, "2016-12-31T23:59:59.9Z", true},
    {"MjdTenDigitFraction", mjd, "61016 2.1234567899", 18, "2025-12-07T00:00:02.123456789Z", false,
     true},
    {"EpochSeconds", epoch_s, "1792888200", 10, "2026-10-25T00:30:00Z"},
    {"EpochSecondsFraction", epoch_s, "1792888200.123456789", 20, "2026-10-25T00:30:00.123456789Z"},
    {"EpochMillis", epoch_ms, "1792888200374", 13, "2026-10-25T00:30:00.374Z"},
    {"EpochMicros", epoch_us, "1792888200374644", 16, "2026-10-25T00:30:00.374644Z"},
    {"EpochMicrosFraction", epoch_us, "1792888200374644.6", 18, "2026-10-25T00:30:00.3746446Z"},
    {"EpochTenFractionDigits", epoch_s, "1.1234567899", 12, "1970-01-01T00:00:01.123456789Z", false,
     true},
    {"EpochNanosWithFraction", epoch_ns, "1792888200374644600.5", 21,
     "2026-10-25T00:30:00.374644600Z", false, true},
    {"EpochNanos", epoch_ns, "1792888200374644600", 19, "2026-10-25T00:30:00.374644600Z"},
    {"EpochNegative", epoch_s, "-1", 2, "1969-12-31T23:59:59Z"},
    {"EpochAutoSeconds", epoch_auto, "1792888200,", 10, "2026-10-25T00:30:00Z"},
    {"EpochAutoMillis", epoch_auto, "1792888200374}", 13, "2026-10-25T00:30:00.374Z"},
    {"EpochAutoMicros", epoch_auto, "1792888200374644", 16, "2026-10-25T00:30:00.374644Z"},
    {"EpochAutoNanos", epoch_auto, "1792888200374644600", 19, "2026-10-25T00:30:00.374644600Z"},
    {"DotnetDate", dotnet, "/Date(1792888200374)/", 21, "2026-10-25T00:30:00.374Z"},
    {"DotnetDateEscaped", dotnet, "\\/Date(1792888200374)\\/\",", 23, "2026-10-25T00:30:00.374Z"},
    {"DotnetDateOffsetIgnored", dotnet, "/Date(1792888200374+0100)/", 26,
     "2026-10-25T00:30:00.374Z"},
    {"DotnetDateNegativeOffset", dotnet, "/Date(1792888200374-0330)/", 26,
     "2026-10-25T00:30:00.374Z"},
    {"DotnetDateBeforeEpoch", dotnet, "/Date(-1000)/", 13, "1969-12-31T23:59:59.000Z"},
};

struct Rejected {
  const char* name;
  UtcParser parse;
  std::string_view text;
};

const Rejected kRejected[] = {
    {"MjdNoSeconds", mjd, "61016"},
    {"MjdTab", mjd, "61016\t2.878"},
    {"MjdAfter2262", mjd, "147338 0"},
    {"MjdBeyondWhatNanosecondsHold", mjd, "999999 0"},  // found by fuzzing: overflowed
    {"MjdSecondsBeyondLeap", mjd, "61016 86401"},
    {"MjdNotNumber", mjd, "MJD 2.8"},
    {"MjdSevenDigitDay", mjd, "1234567 2"},
    {"EpochEmpty", epoch_s, ""},
    {"EpochSign", epoch_s, "-"},
    {"EpochLetters", epoch_s, "abc"},
    {"EpochOverflowSeconds", epoch_s, "9999999999999"},
    {"EpochTwentyDigits", epoch_ns, "12345678901234567890"},
    {"DotnetNoDigits", dotnet, "/Date()/"},
    {"DotnetUnclosed", dotnet, "/Date(1792888200374"},
    {"DotnetHalfEscaped", dotnet, "\\/Date(1792888200374)/"},
    {"DotnetBadOffset", dotnet, "/Date(1792888200374+01)/"},
    {"DotnetOtherWord", dotnet, "/Data(1792888200374)/"},
    {"DotnetTooManyDigits", dotnet, "/Date(1234567890123456)/"},
};

class UtcShapeAccepts : public ::testing::TestWithParam<Accepted> {};
class UtcShapeRejects : public ::testing::TestWithParam<Rejected> {};

TEST_P(UtcShapeAccepts, GivesTheExactInstantAndPrecision) {
  const Accepted& row = GetParam();
  UtcTime out;
  ASSERT_EQ(row.parse(row.text, out), row.consumed) << row.text;
  std::string text;
  append_rfc3339_utc(text, out.time, out.digits);
  EXPECT_EQ(text, row.utc);
  EXPECT_EQ(out.leap_second, row.leap_second);
  EXPECT_EQ(out.precision_truncated, row.precision_truncated);
}

TEST_P(UtcShapeRejects, ConsumesNothing) {
  UtcTime out;
  EXPECT_EQ(GetParam().parse(GetParam().text, out), 0u) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(Table, UtcShapeAccepts, ::testing::ValuesIn(kAccepted),
                         [](const auto& info) { return std::string(info.param.name); });
INSTANTIATE_TEST_SUITE_P(Table, UtcShapeRejects, ::testing::ValuesIn(kRejected),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(Filetime, ConvertsHundredNanosecondTicksExactly) {
  UtcTime out;
  ASSERT_TRUE(filetime_to_utc(134373618003746446ull, out));
  std::string text;
  append_rfc3339_utc(text, out.time, out.digits);
  EXPECT_EQ(text, "2026-10-25T00:30:00.3746446Z");
  ASSERT_TRUE(filetime_to_utc(kFiletimeUnixEpoch, out));
  EXPECT_EQ(out.time, SysNanos{});
  ASSERT_TRUE(filetime_to_utc(kFiletimeUnixEpoch - 1, out));
  EXPECT_EQ(out.time.time_since_epoch().count(), -100);
}

TEST(Filetime, RefusesValuesOutsideTheRepresentableRange) {
  UtcTime out;
  EXPECT_FALSE(filetime_to_utc(0, out));  // "not set"
  EXPECT_FALSE(filetime_to_utc(~0ull, out));
}

}  // namespace
}  // namespace horolog
