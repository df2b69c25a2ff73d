// The shared duration/size decoder: what it accepts, what it rejects, and that the formatter
// used for documented defaults reads back to the same value.
#include "config/quantity.h"

#include <gtest/gtest.h>

namespace horolog::config {
namespace {

using namespace std::chrono_literals;

struct DurationCase {
  const char* text;
  Duration value;
};

class DurationAccepted : public testing::TestWithParam<DurationCase> {};

TEST_P(DurationAccepted, DecodesToNanoseconds) {
  std::string error;
  auto value = parse_duration(GetParam().text, error);
  ASSERT_TRUE(value.has_value()) << error;
  EXPECT_EQ(*value, GetParam().value);
}

INSTANTIATE_TEST_SUITE_P(Quantity, DurationAccepted,
                         testing::Values(DurationCase{"250ms", 250ms}, DurationCase{"5s", 5s},
                                         DurationCase{"1m", 1min}, DurationCase{"2h", 2h},
                                         DurationCase{"1d", 24h}, DurationCase{"0s", 0s},
                                         DurationCase{"750us", 750us}, DurationCase{"10ns", 10ns},
                                         DurationCase{" 5s ", 5s}, DurationCase{"5 s", 5s}));

struct RejectedCase {
  const char* text;
  const char* reason;  // a part of the error message
};

class DurationRejected : public testing::TestWithParam<RejectedCase> {};

TEST_P(DurationRejected, ExplainsWhy) {
  std::string error;
  EXPECT_FALSE(parse_duration(GetParam().text, error).has_value());
  EXPECT_NE(error.find(GetParam().reason), std::string::npos) << error;
}

INSTANTIATE_TEST_SUITE_P(Quantity, DurationRejected,
                         testing::Values(RejectedCase{"5", "needs a unit"},
                                         RejectedCase{"5x", "unknown unit 'x'"},
                                         RejectedCase{"5S", "unknown unit 'S'"},
                                         RejectedCase{"", "is not a duration"},
                                         RejectedCase{"s", "is not a duration"},
                                         RejectedCase{"-5s", "is not a duration"},
                                         RejectedCase{"1.5s", "unknown unit '.5s'"},
                                         RejectedCase{"200000000000000d", "too large"}));

struct SizeCase {
  const char* text;
  std::uint64_t bytes;
};

class SizeAccepted : public testing::TestWithParam<SizeCase> {};

TEST_P(SizeAccepted, DecodesToBytes) {
  std::string error;
  auto value = parse_byte_size(GetParam().text, error);
  ASSERT_TRUE(value.has_value()) << error;
  EXPECT_EQ(value->bytes, GetParam().bytes);
}

INSTANTIATE_TEST_SUITE_P(Quantity, SizeAccepted,
                         testing::Values(SizeCase{"512", 512}, SizeCase{"512B", 512},
                                         SizeCase{"64KiB", 64ull << 10},
                                         SizeCase{"64MiB", 64ull << 20},
                                         SizeCase{"1GiB", 1ull << 30}, SizeCase{"2TiB", 2ull << 40},
                                         SizeCase{"1KB", 1000}, SizeCase{"5 MB", 5'000'000},
                                         SizeCase{"0", 0}));

class SizeRejected : public testing::TestWithParam<RejectedCase> {};

TEST_P(SizeRejected, ExplainsWhy) {
  std::string error;
  EXPECT_FALSE(parse_byte_size(GetParam().text, error).has_value());
  EXPECT_NE(error.find(GetParam().reason), std::string::npos) << error;
}

INSTANTIATE_TEST_SUITE_P(Quantity, SizeRejected,
                         testing::Values(RejectedCase{"64Mb", "unknown unit 'Mb'"},
                                         RejectedCase{"64mib", "unknown unit 'mib'"},
                                         RejectedCase{"", "is not a size"},
                                         RejectedCase{"MiB", "is not a size"},
                                         RejectedCase{"-1", "is not a size"},
                                         RejectedCase{"99999999TiB", "too large"}));

TEST(Quantity, FormatsDurationsWithTheLargestExactUnit) {
  EXPECT_EQ(format_duration(1s), "1s");
  EXPECT_EQ(format_duration(1500ms), "1500ms");
  EXPECT_EQ(format_duration(64s), "64s");
  EXPECT_EQ(format_duration(2min), "2m");
  EXPECT_EQ(format_duration(48h), "2d");
  EXPECT_EQ(format_duration(0s), "0ns");
}

TEST(Quantity, FormatsSizesWithTheShortestExactUnit) {
  EXPECT_EQ(format_byte_size(ByteSize{64ull << 20}), "64MiB");
  EXPECT_EQ(format_byte_size(ByteSize{1u << 20}), "1MiB");
  EXPECT_EQ(format_byte_size(ByteSize{5'000'000}), "5MB");
  EXPECT_EQ(format_byte_size(ByteSize{1000}), "1KB");
  EXPECT_EQ(format_byte_size(ByteSize{1023}), "1023B");
  EXPECT_EQ(format_byte_size(ByteSize{0}), "0B");
}

TEST(Quantity, FormattedValuesParseBackToTheSameValue) {
  for (Duration value :
       {Duration(1), Duration(999), Duration(1500ms), Duration(90s), Duration(36h), Duration(0)}) {
    std::string error;
    auto parsed = parse_duration(format_duration(value), error);
    ASSERT_TRUE(parsed.has_value()) << format_duration(value) << ": " << error;
    EXPECT_EQ(*parsed, value);
  }
  for (std::uint64_t bytes : {0ull, 1ull, 1000ull, 1024ull, 1536ull, 3ull << 30, 7'000'000ull}) {
    std::string error;
    auto parsed = parse_byte_size(format_byte_size(ByteSize{bytes}), error);
    ASSERT_TRUE(parsed.has_value()) << format_byte_size(ByteSize{bytes}) << ": " << error;
    EXPECT_EQ(parsed->bytes, bytes);
  }
}

}  // namespace
}  // namespace horolog::config
