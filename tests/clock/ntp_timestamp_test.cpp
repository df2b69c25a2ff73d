// NTP timestamp conversions (era rollover, rounding) and the on-wire offset/delay formulas.
#include "normalizer/clock/ntp_timestamp.h"

#include <gtest/gtest.h>

#include <random>

#include "tests/support/test_seed.h"

namespace horolog {
namespace {

using namespace std::chrono_literals;
using std::chrono::day;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;

SysNanos at(int y, unsigned m, unsigned d) {
  return SysNanos{sys_days{year{y} / month{m} / day{d}}.time_since_epoch()};
}

TEST(NtpTimestamp, UnixEpochIsSeconds2208988800) {
  const NtpTimestamp t = to_ntp(SysNanos{});
  EXPECT_EQ(t.seconds, 2208988800u);
  EXPECT_EQ(t.fraction, 0u);
}

TEST(NtpTimestamp, HalfSecondIsFractionTwoToThe31) {
  EXPECT_EQ(to_ntp(SysNanos{500ms}).fraction, 1u << 31);
  EXPECT_EQ(from_ntp({2208988800u, 1u << 31}, SysNanos{}), SysNanos{500ms});
}

TEST(NtpTimestamp, RoundTripsEveryNanosecondExactly) {
  const test::TestSeed seed;
  std::mt19937_64 rng(seed.value());
  std::uniform_int_distribution<std::int64_t> dist(-2'000'000'000'000'000'000,
                                                   4'000'000'000'000'000'000);
  for (int i = 0; i < 100000; ++i) {
    const SysNanos t{Nanoseconds{dist(rng)}};
    ASSERT_EQ(from_ntp(to_ntp(t), t + 1000h), t) << "t " << t.time_since_epoch().count();
  }
}

TEST(NtpTimestamp, EraRolloverIn2036DecodesIntoEraOne) {
  // 2036-02-07T06:28:16Z is NTP second 2^32: era 1 starts with seconds = 0.
  const SysNanos rollover =
      SysNanos{Nanoseconds{(4294967296LL - kNtpToUnixSeconds) * 1'000'000'000}};
  const NtpTimestamp stamp = to_ntp(rollover + 5s);
  EXPECT_EQ(stamp.seconds, 5u);
  // Pivot just before the rollover (still era 0): the stamp must land just after it.
  EXPECT_EQ(from_ntp(stamp, rollover - 3s), rollover + 5s);
  // And a pre-rollover stamp seen with an era-1 pivot lands in era 0.
  EXPECT_EQ(from_ntp(to_ntp(rollover - 2s), rollover + 1s), rollover - 2s);
}

TEST(NtpTimestamp, DecodesYear2100WithPivotNearby) {
  const SysNanos t = at(2100, 3, 1) + 123456789ns;
  EXPECT_EQ(from_ntp(to_ntp(t), at(2099, 1, 1)), t);
}

TEST(NtpTimestamp, FractionNearTheSecondBoundaryStaysInItsSecond) {
  // 0.999999999 s * 2^32 = 4294967291.7, rounded to 4294967292: still below 2^32.
  const NtpTimestamp t = to_ntp(SysNanos{1s + 999999999ns});
  EXPECT_EQ(t.seconds, 2208988801u);
  EXPECT_EQ(t.fraction, 4294967292u);
}

TEST(NtpShort, ConvertsSixteenDotSixteen) {
  EXPECT_EQ(from_ntp_short(0x00010000u), 1s);
  EXPECT_EQ(from_ntp_short(0x00008000u), 500ms);
  EXPECT_EQ(to_ntp_short(250ms), 0x00004000u);
  EXPECT_EQ(to_ntp_short(-1s), 0u);
}

TEST(OnWire, OffsetAndDelayFollowRfc5905) {
  // Server is 1 s ahead; 10 ms each way; 2 ms processing.
  const SysNanos t1 = at(2026, 11, 30);
  const OnWireTimes t{t1, t1 + 1s + 10ms, t1 + 1s + 12ms, t1 + 22ms};
  EXPECT_EQ(on_wire_offset(t), 1s);
  EXPECT_EQ(on_wire_delay(t), 20ms);
}

TEST(OnWire, AsymmetricPathGivesHalfTheAsymmetryAsError) {
  const SysNanos t1 = at(2026, 11, 30);
  const OnWireTimes t{t1, t1 + 30ms, t1 + 30ms, t1 + 40ms};  // 30 ms out, 10 ms back, offset 0
  EXPECT_EQ(on_wire_offset(t), 10ms);
  EXPECT_EQ(on_wire_delay(t), 40ms);
}

TEST(OnWire, NegativeOffsetIsExactToTheNanosecond) {
  const SysNanos t1 = at(2026, 11, 30) + 7ns;
  const OnWireTimes t{t1, t1 - 333333333ns + 1000ns, t1 - 333333333ns + 1500ns, t1 + 2500ns};
  EXPECT_EQ(on_wire_offset(t), -333333333ns);
  EXPECT_EQ(on_wire_delay(t), 2000ns);
}

}  // namespace
}  // namespace horolog
