// When a measurement is trusted: servers beyond the maximum root distance are no candidates, a
// minimum number must agree, and a lone survivor must not contradict the kernel's estimate.
#include <gtest/gtest.h>

#include <vector>

#include "normalizer/clock/clock_measurement.h"

namespace horolog {
namespace {

using namespace std::chrono_literals;

ServerReport answered(Nanoseconds offset, Nanoseconds root_distance) {
  static std::uint16_t port = 10000;
  ServerReport r;
  r.server = {"127.0.0.1", ++port, 0};
  r.status = ServerStatus::answered;
  r.sent = 1;
  r.valid = 1;
  r.filtered.best.offset = offset;
  r.filtered.root_distance = root_distance;
  return r;
}

ServerReport unreachable() {
  ServerReport r = answered(0ns, 0ns);
  r.status = ServerStatus::unreachable;
  r.valid = 0;
  return r;
}

// A disciplined kernel: its offset and maxerror as given.
KernelClockReading kernel(Nanoseconds offset, Nanoseconds max_error) {
  KernelClockReading k;
  k.ok = true;
  k.unsynchronized = false;
  k.offset = offset;
  k.max_error = max_error;
  k.est_error = max_error / 2;
  return k;
}

// What these containers' kernel says: nothing disciplines it, maxerror is Linux's 16 s cap.
const KernelClockReading kUndisciplined = [] {
  KernelClockReading k = kernel(0ns, 16s);
  k.unsynchronized = true;
  return k;
}();

TrustPolicy requiring(int min_agreeing) {
  TrustPolicy p;
  p.min_agreeing = min_agreeing;
  return p;
}

ClockMeasurement combine(std::vector<ServerReport> reports, const TrustPolicy& policy = {},
                         const KernelClockReading& k = kUndisciplined) {
  return combine_reports(std::move(reports), SysNanos{1s}, policy, k);
}

TEST(ClockTrust, AServerWithA65535SecondRootDistanceIsTooDistantAndNoCandidate) {
  const ClockMeasurement m = combine({answered(0ns, 65535s)});
  EXPECT_EQ(m.servers[0].status, ServerStatus::too_distant);
  EXPECT_FALSE(m.estimate.synchronized);
  EXPECT_EQ(m.estimate.servers_rejected, 1);
  EXPECT_EQ(m.estimate.servers_agreeing, 0);
  EXPECT_EQ(m.estimate.servers_used, 0);
  EXPECT_EQ(m.distrust, std::vector<Distrust>{Distrust::no_candidates});
}

TEST(ClockTrust, TheMaximumDistanceItselfIsStillACandidate) {
  TrustPolicy policy;
  policy.max_distance = 20s;
  EXPECT_EQ(combine({answered(0ns, 20s)}, policy).servers[0].status, ServerStatus::selected);
  EXPECT_EQ(combine({answered(0ns, 20s + 1ns)}, policy).servers[0].status,
            ServerStatus::too_distant);
}

TEST(ClockTrust, TooDistantServersAreLeftOutOfTheMajority) {
  // Counted as a candidate, the distant one would make 3 of 4 a bare majority; left out, the
  // three honest servers agree among themselves.
  const ClockMeasurement m = combine(
      {answered(1ms, 5ms), answered(-1ms, 5ms), answered(3600s, 65535s), answered(0ms, 5ms)},
      requiring(2));
  EXPECT_TRUE(m.estimate.synchronized);
  EXPECT_EQ(m.servers[2].status, ServerStatus::too_distant);
  EXPECT_EQ(m.estimate.servers_agreeing, 3);
  EXPECT_EQ(m.estimate.servers_used, 3);
  EXPECT_EQ(m.estimate.servers_rejected, 1);
  EXPECT_LT(std::chrono::abs(m.estimate.offset), Nanoseconds(2ms));
}

TEST(ClockTrust, OneAgreeingServerIsTooFewWhenTwoAreRequired) {
  const ClockMeasurement m = combine({answered(1ms, 5ms), unreachable()}, requiring(2));
  EXPECT_FALSE(m.estimate.synchronized);
  EXPECT_EQ(m.servers[0].status, ServerStatus::selected);
  EXPECT_EQ(m.estimate.servers_agreeing, 1);
  EXPECT_EQ(m.estimate.servers_used, 0);
  EXPECT_EQ(m.policy.min_agreeing, 2);
  EXPECT_EQ(m.distrust, std::vector<Distrust>{Distrust::too_few_agreeing});
}

TEST(ClockTrust, TwoAgreeingServersMeetAMinimumOfTwo) {
  const ClockMeasurement m = combine({answered(1ms, 5ms), answered(2ms, 5ms)}, requiring(2));
  EXPECT_TRUE(m.estimate.synchronized);
  EXPECT_TRUE(m.distrust.empty());
  EXPECT_EQ(m.estimate.servers_agreeing, 2);
  EXPECT_EQ(m.estimate.servers_used, 2);
  EXPECT_FALSE(m.kernel.checked) << "agreeing servers need no second opinion";
}

TEST(ClockTrust, NoMajorityCountsEveryCandidateRejected) {
  const ClockMeasurement m = combine({answered(0ms, 1ms), answered(5s, 1ms)});
  EXPECT_FALSE(m.estimate.synchronized);
  EXPECT_EQ(m.estimate.servers_agreeing, 0);
  EXPECT_EQ(m.estimate.servers_rejected, 2);
  EXPECT_EQ(m.distrust, std::vector<Distrust>{Distrust::no_majority});
}

TEST(ClockTrust, ALoneServerAnHourOffTheKernelIsNotTrusted) {
  const ClockMeasurement m = combine({answered(3600s, 10ms)});
  EXPECT_FALSE(m.estimate.synchronized);
  EXPECT_EQ(m.estimate.servers_agreeing, 1);
  EXPECT_EQ(m.estimate.servers_used, 0);
  ASSERT_TRUE(m.kernel.checked);
  EXPECT_TRUE(m.kernel.disagrees);
  EXPECT_EQ(m.kernel.difference, 3600s);
  EXPECT_EQ(m.kernel.allowed, 16s + 10ms);
  EXPECT_EQ(m.lone_server, 0u);
  EXPECT_EQ(m.distrust, std::vector<Distrust>{Distrust::kernel_disagrees});
}

TEST(ClockTrust, TheOnlyAnsweringServerOfSeveralIsCheckedAgainstTheKernelToo) {
  const ClockMeasurement m =
      combine({unreachable(), answered(-3600s, 10ms), unreachable()}, requiring(1));
  EXPECT_FALSE(m.estimate.synchronized);
  EXPECT_TRUE(m.kernel.disagrees);
  EXPECT_EQ(m.lone_server, 1u);
}

TEST(ClockTrust, ALoneServerWithinBothErrorBoundsOfTheKernelIsTrusted) {
  const ClockMeasurement at_limit = combine({answered(16s + 10ms, 10ms)});
  EXPECT_TRUE(at_limit.kernel.checked);
  EXPECT_FALSE(at_limit.kernel.disagrees);
  EXPECT_TRUE(at_limit.estimate.synchronized);
  EXPECT_EQ(at_limit.estimate.servers_used, 1);
  const ClockMeasurement beyond = combine({answered(-16s - 10ms - 1ns, 10ms)});
  EXPECT_TRUE(beyond.kernel.disagrees);
  EXPECT_FALSE(beyond.estimate.synchronized);
}

TEST(ClockTrust, ALoneServerIsComparedWithTheKernelsOwnOffset) {
  EXPECT_TRUE(combine({answered(3600s, 1ms)}, {}, kernel(3600s, 1ms)).estimate.synchronized);
  EXPECT_FALSE(combine({answered(3ms, 1ms)}, {}, kernel(0ns, 1ms)).estimate.synchronized);
}

TEST(ClockTrust, WithoutAKernelReadingALoneServerIsNotCrossChecked) {
  const ClockMeasurement m = combine({answered(3600s, 10ms)}, {}, KernelClockReading{});
  EXPECT_FALSE(m.kernel.checked);
  EXPECT_TRUE(m.estimate.synchronized);
}

TEST(ClockTrust, SeveralAgreeingServersOutweighTheKernel) {
  const ClockMeasurement m = combine({answered(3600s, 10ms), answered(3600s, 10ms)}, requiring(2));
  EXPECT_FALSE(m.kernel.checked);
  EXPECT_TRUE(m.estimate.synchronized);
}

TEST(ClockTrust, EveryReasonIsListed) {
  const ClockMeasurement m = combine({answered(3600s, 10ms), unreachable()}, requiring(2));
  EXPECT_EQ(m.distrust,
            (std::vector<Distrust>{Distrust::too_few_agreeing, Distrust::kernel_disagrees}));
}

ServerReport answered_nts(Nanoseconds offset, Nanoseconds root_distance) {
  ServerReport r = answered(offset, root_distance);
  r.server.nts = true;
  return r;
}

TEST(ClockTrust, AnEstimateMadeOfNtsServersAloneHasSourceNts) {
  const ClockMeasurement m = combine({answered_nts(1ms, 10ms), answered_nts(2ms, 10ms)});
  ASSERT_TRUE(m.estimate.synchronized);
  EXPECT_EQ(m.estimate.source, ClockSource::nts);
}

TEST(ClockTrust, OnePlainServerAmongTheSurvivorsMakesTheSourceNtp) {
  const ClockMeasurement m = combine({answered_nts(1ms, 10ms), answered(2ms, 10ms)});
  ASSERT_TRUE(m.estimate.synchronized);
  EXPECT_EQ(m.estimate.source, ClockSource::ntp);
}

TEST(ClockTrust, APlainFalsetickerLeavesTheNtsSurvivorsSourceNts) {
  const ClockMeasurement m =
      combine({answered_nts(1ms, 10ms), answered_nts(2ms, 10ms), answered(5s, 10ms)});
  ASSERT_TRUE(m.estimate.synchronized);
  EXPECT_EQ(m.servers[2].status, ServerStatus::falseticker);
  EXPECT_EQ(m.estimate.source, ClockSource::nts);
}

}  // namespace
}  // namespace horolog
