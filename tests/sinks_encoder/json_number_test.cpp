// Numbers: exact decimal milliseconds from integer nanoseconds, shortest round-trip doubles,
// and `null` for the doubles JSON cannot express.
#include "sinks/json_number.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace horolog {
namespace {

struct MillisCase {
  std::int64_t nanos;
  std::string_view text;
};

class JsonMillis : public ::testing::TestWithParam<MillisCase> {};

TEST_P(JsonMillis, WritesExactDecimalWithMicrosecondResolution) {
  std::string out;
  append_json_millis(out, Nanoseconds{GetParam().nanos});
  EXPECT_EQ(out, GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(
    Table, JsonMillis,
    ::testing::Values(MillisCase{0, "0.000"}, MillisCase{-312'000, "-0.312"},
                      MillisCase{150'000, "0.150"}, MillisCase{1'000, "0.001"},
                      MillisCase{499, "0.000"}, MillisCase{500, "0.001"}, MillisCase{-499, "0.000"},
                      MillisCase{-500, "-0.001"}, MillisCase{-1'500'000'000, "-1500.000"},
                      MillisCase{1'234'567'890'123, "1234567.890"},
                      MillisCase{std::numeric_limits<std::int64_t>::max(), "9223372036854.776"},
                      MillisCase{std::numeric_limits<std::int64_t>::min(), "-9223372036854.776"}));

struct DoubleCase {
  double value;
  std::string_view text;
};

class JsonDouble : public ::testing::TestWithParam<DoubleCase> {};

TEST_P(JsonDouble, WritesShortestRoundTripOrNull) {
  std::string out;
  append_json_double(out, GetParam().value);
  EXPECT_EQ(out, GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(
    Table, JsonDouble,
    ::testing::Values(DoubleCase{0.1, "0.1"}, DoubleCase{-0.000312, "-0.000312"},
                      DoubleCase{1e300, "1e+300"}, DoubleCase{-0.0, "-0"}, DoubleCase{42.0, "42"},
                      DoubleCase{std::numeric_limits<double>::quiet_NaN(), "null"},
                      DoubleCase{std::numeric_limits<double>::infinity(), "null"},
                      DoubleCase{-std::numeric_limits<double>::infinity(), "null"}));

TEST(JsonInteger, WritesFullRangeOfSignedAndUnsigned) {
  std::string out;
  append_json_int(out, std::numeric_limits<std::int64_t>::min());
  out.push_back(' ');
  append_json_uint(out, std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(out, "-9223372036854775808 18446744073709551615");
}

}  // namespace
}  // namespace horolog
