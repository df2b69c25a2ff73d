// The kernel fallback reads the clock state without changing it and reports it as it is.
#include "normalizer/clock/kernel_clock.h"

#include <gtest/gtest.h>

namespace horolog {
namespace {

using namespace std::chrono_literals;

TEST(KernelClock, ReadsTheStateWithoutFailing) {
  const KernelClockReading r = read_kernel_clock();
  ASSERT_TRUE(r.ok);
  EXPECT_GE(r.max_error, 0ns);
  EXPECT_GE(r.est_error, 0ns);
}

TEST(KernelClock, ReportsAnUnsyncedKernelAsUnsynchronizedWithMaxErrorAsBound) {
  KernelClockReading r;
  r.ok = true;
  r.unsynchronized = true;
  r.max_error = 16s;
  r.est_error = 16s;
  const ClockEstimate e = kernel_estimate(r, SysNanos{1s});
  EXPECT_EQ(e.source, ClockSource::kernel);
  EXPECT_FALSE(e.synchronized);
  EXPECT_EQ(e.error_bound, 16s);
  EXPECT_EQ(e.measured_at, SysNanos{1s});
}

TEST(KernelClock, ReportsASyncedKernelAsSynchronized) {
  KernelClockReading r;
  r.ok = true;
  r.unsynchronized = false;
  r.offset = 250us;
  r.max_error = 3ms;
  const ClockEstimate e = kernel_estimate(r, SysNanos{});
  EXPECT_TRUE(e.synchronized);
  EXPECT_EQ(e.offset, 250us);
  EXPECT_EQ(e.error_bound, 3ms);
}

TEST(KernelClock, AFailedReadIsNoEstimate) {
  EXPECT_EQ(kernel_estimate(KernelClockReading{}, SysNanos{}).source, ClockSource::none);
}

}  // namespace
}  // namespace horolog
