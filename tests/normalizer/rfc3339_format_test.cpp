// RFC 3339 output: exactly the requested fractional digits (truncated, never rounded), `Z`, and
// correct dates on both sides of 1970 and around leap days.
#include "normalizer/rfc3339_format.h"

#include <gtest/gtest.h>

#include <string>

namespace horolog {
namespace {

struct FormatCase {
  std::int64_t nanos_since_epoch;
  unsigned digits;
  std::string_view expected;
};

constexpr std::int64_t kSecond = 1'000'000'000;

const FormatCase kCases[] = {
    {0, 0, "1970-01-01T00:00:00Z"},
    {0, 9, "1970-01-01T00:00:00.000000000Z"},
    {1792888200LL * kSecond + 374644600, 0, "2026-10-25T00:30:00Z"},
    {1792888200LL * kSecond + 374644600, 3, "2026-10-25T00:30:00.374Z"},
    {1792888200LL * kSecond + 374644600, 6, "2026-10-25T00:30:00.374644Z"},
    {1792888200LL * kSecond + 374644600, 7, "2026-10-25T00:30:00.3746446Z"},
    {1792888200LL * kSecond + 374644600, 9, "2026-10-25T00:30:00.374644600Z"},
    {1792888200LL * kSecond + 999999999, 3, "2026-10-25T00:30:00.999Z"},  // truncated
    {1792888200LL * kSecond + 5, 12, "2026-10-25T00:30:00.000000005Z"},   // clamped to 9
    {-1, 9, "1969-12-31T23:59:59.999999999Z"},
    {-1, 0, "1969-12-31T23:59:59Z"},
    {951782400LL * kSecond, 0, "2000-02-29T00:00:00Z"},
    {1483228799LL * kSecond + 999999999, 9, "2016-12-31T23:59:59.999999999Z"},
    {-9223372036LL * kSecond, 0, "1677-09-21T00:12:44Z"},
    {9223372036LL * kSecond + 854775807, 9, "2262-04-11T23:47:16.854775807Z"},
};

class Rfc3339Output : public ::testing::TestWithParam<FormatCase> {};

TEST_P(Rfc3339Output, WritesTheSourcePrecisionInUtc) {
  const FormatCase& row = GetParam();
  const SysNanos time{Nanoseconds{row.nanos_since_epoch}};
  char buffer[kRfc3339MaxLength];
  const std::size_t n = format_rfc3339_utc(time, row.digits, buffer);
  EXPECT_EQ(std::string_view(buffer, n), row.expected);
  std::string appended = "x";
  append_rfc3339_utc(appended, time, row.digits);
  EXPECT_EQ(appended, "x" + std::string(row.expected));
}

INSTANTIATE_TEST_SUITE_P(Table, Rfc3339Output, ::testing::ValuesIn(kCases));

}  // namespace
}  // namespace horolog
