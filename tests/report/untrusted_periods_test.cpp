// Untrusted periods open on distrust and close on the signal that answers it, whatever order the
// signals were given in.
#include "agent/commands/report/untrusted_periods.h"

#include <gtest/gtest.h>

namespace horolog::report {
namespace {

TEST(UntrustedPeriods, SynchronizationEndsSyncLossAndTamperingButNotALargeOffset) {
  UntrustedPeriods periods;
  periods.distrust(100, Distrust::large_offset, "far");
  periods.distrust(10, Distrust::sync_lost, "lost");
  periods.distrust(20, Distrust::tampering, "alert");
  periods.distrust(30, Distrust::sync_lost, "lost again while lost");
  periods.synchronized(50);
  periods.offset_fine(150);
  const std::vector<UntrustedPeriod> got = periods.periods();
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].distrust, Distrust::sync_lost);
  EXPECT_EQ(got[0].start_s, 10);
  EXPECT_EQ(got[0].end_s, 50);
  EXPECT_EQ(got[0].reason, "lost");
  EXPECT_EQ(got[1].distrust, Distrust::tampering);
  EXPECT_EQ(got[1].end_s, 50);
  EXPECT_EQ(got[2].distrust, Distrust::large_offset);
  EXPECT_EQ(got[2].start_s, 100);
  EXPECT_EQ(got[2].end_s, 150);
}

TEST(UntrustedPeriods, APeriodNeverAnsweredStaysOpen) {
  UntrustedPeriods periods;
  periods.distrust(5, Distrust::unsynchronized, "false");
  const std::vector<UntrustedPeriod> got = periods.periods();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_FALSE(got[0].end_s.has_value());
}

}  // namespace
}  // namespace horolog::report
