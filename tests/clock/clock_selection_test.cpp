// Marzullo / RFC 5905 intersection tables: falsetickers rejected, no-majority untrustworthy,
// and the per-server clock filter feeding it.
#include "normalizer/clock/clock_selection.h"

#include <gtest/gtest.h>

#include <vector>

#include "normalizer/clock/clock_filter.h"

namespace horolog {
namespace {

using namespace std::chrono_literals;

struct SelectionCase {
  const char* name;
  std::vector<SelectionCandidate> candidates;
  bool trustworthy;
  std::vector<bool> truechimer;
};

class ClockSelection : public testing::TestWithParam<SelectionCase> {};

TEST_P(ClockSelection, KeepsTheMajorityAndRejectsTheRest) {
  const SelectionCase& c = GetParam();
  const SelectionResult r = select_truechimers(c.candidates);
  EXPECT_EQ(r.trustworthy, c.trustworthy);
  if (c.trustworthy) {
    EXPECT_EQ(r.truechimer, c.truechimer);
    EXPECT_LE(r.low, r.offset);
    EXPECT_GE(r.high, r.offset);
    EXPECT_EQ(r.error_bound, std::max(r.offset - r.low, r.high - r.offset));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Tables, ClockSelection,
    testing::Values(
        SelectionCase{"SingleServer", {{1ms, 2ms}}, true, {true}},
        SelectionCase{"ThreeHonestOneFiveSecondsAhead",
                      {{100us, 1ms}, {-200us, 1ms}, {5s, 1ms}, {50us, 1ms}},
                      true,
                      {true, true, false, true}},
        SelectionCase{
            "TwoHonestOneFalse", {{0ms, 1ms}, {5s, 1ms}, {500us, 1ms}}, true, {true, false, true}},
        SelectionCase{"TwoHonestTwoFalseIsNoMajority",
                      {{0ms, 1ms}, {5s, 1ms}, {5s + 100us, 1ms}, {200us, 1ms}},
                      false,
                      {}},
        SelectionCase{"TwoDisagreeingIsNoMajority", {{0ms, 1ms}, {5s, 1ms}}, false, {}},
        // The wide interval agrees with each camp: every one is consistent with a majority.
        SelectionCase{"WideIntervalBridgesTwoCamps",
                      {{0ms, 1ms}, {10ms, 1ms}, {5ms, 10ms}},
                      true,
                      {true, true, true}},
        SelectionCase{"FiveServersTwoFalsetickersOnOppositeSides",
                      {{-3s, 1ms}, {1ms, 2ms}, {0ms, 2ms}, {3s, 1ms}, {-1ms, 2ms}},
                      true,
                      {false, true, true, false, true}},
        SelectionCase{"TouchingIntervalsAgree",
                      {{0ms, 1ms}, {2ms, 1ms}, {1ms, 1ms}},
                      true,
                      {true, true, true}}),
    [](const testing::TestParamInfo<SelectionCase>& info) { return std::string(info.param.name); });

TEST(ClockSelection, CombinesSurvivorsWeightedByRootDistance) {
  const std::vector<SelectionCandidate> c{{0ms, 1ms}, {3ms, 3ms}, {5s, 1ms}};
  const SelectionResult r = select_truechimers(c);
  ASSERT_TRUE(r.trustworthy);
  EXPECT_EQ(r.falsetickers, 1);
  // weights 1/1 and 1/3: (0 + 3ms/3) / (1 + 1/3) = 0.75 ms
  EXPECT_EQ(r.offset, 750us);
  EXPECT_EQ(r.low, 0ms);
  EXPECT_EQ(r.high, 1ms);
  EXPECT_EQ(r.error_bound, 750us);
}

TEST(ClockSelection, NoCandidatesIsNotTrustworthy) {
  EXPECT_FALSE(select_truechimers({}).trustworthy);
}

NtpSample sample(Nanoseconds offset, Nanoseconds delay) {
  NtpSample s;
  s.offset = offset;
  s.delay = delay;
  s.reply.precision = -30;
  return s;
}

TEST(ClockFilter, KeepsTheMinimumDelaySample) {
  const std::vector<NtpSample> burst{sample(3ms, 20ms), sample(1ms, 4ms), sample(-2ms, 9ms)};
  const FilteredSample f = filter_samples(burst);
  EXPECT_EQ(f.best.offset, 1ms);
  EXPECT_EQ(f.best.delay, 4ms);
  // jitter = sqrt((2ms^2 + 3ms^2) / 2)
  EXPECT_NEAR(static_cast<double>(f.jitter.count()), 2549509.8, 1.0);
}

TEST(ClockFilter, RootDistanceAddsHalfTheDelaysAndTheDispersions) {
  NtpSample s = sample(0ms, 4ms);
  s.reply.root_delay = 0x00000290u;       // 10.009 ms
  s.reply.root_dispersion = 0x00000100u;  // 3.906 ms
  const std::vector<NtpSample> one{s};
  const FilteredSample f = filter_samples(one);
  const Nanoseconds expected = (from_ntp_short(0x290u) + 4ms) / 2 + from_ntp_short(0x100u);
  EXPECT_GE(f.root_distance, expected);
  EXPECT_LT(f.root_distance, expected + 2us);  // plus precision and 15 ppm of the delay
  EXPECT_EQ(f.jitter, 0ns);
}

}  // namespace
}  // namespace horolog
