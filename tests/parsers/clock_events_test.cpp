// Time-daemon messages report clock changes to the timeline repair through Event::clock_change:
// a step with its size or a synchronization gained, both by the time service.
#include "parsers/ntp/clock_events.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string_view>

namespace horolog {
namespace {

using std::chrono::microseconds;

struct ClockChangeCase {
  const char* name;
  std::string_view message;
  ClockChange::By by;
  bool has_step;
  Nanoseconds step;
};

class TimeDaemonClockChange : public testing::TestWithParam<ClockChangeCase> {};

TEST_P(TimeDaemonClockChange, IsReportedOnTheEvent) {
  const ClockChangeCase& c = GetParam();
  Event event;
  ASSERT_TRUE(ntp::tag_clock_event(c.message, event));
  EXPECT_EQ(event.clock_change.by, c.by);
  EXPECT_EQ(event.clock_change.has_step, c.has_step);
  EXPECT_EQ(event.clock_change.step, c.step);
  EXPECT_FALSE(event.clock_change.has_readings);  // daemons give the step, not the readings
}

INSTANTIATE_TEST_SUITE_P(
    Daemons, TimeDaemonClockChange,
    testing::Values(
        ClockChangeCase{"ntpd_step", "time reset +0.183275 s", ClockChange::By::time_service, true,
                        microseconds(183275)},
        ClockChangeCase{"chronyd_backward_step", "System clock was stepped by -1.500000 seconds",
                        ClockChange::By::time_service, true, microseconds(-1500000)},
        ClockChangeCase{"ntpd_sync", "synchronized to 192.0.2.1, stratum 2",
                        ClockChange::By::time_service, false, Nanoseconds(0)},
        ClockChangeCase{"timesyncd_sync",
                        "Initial synchronization to time server 192.0.2.1:123 (ntp.example).",
                        ClockChange::By::time_service, false, Nanoseconds(0)},
        // Not changes of the clock: the daemon only says it is wrong or unsynchronized.
        ClockChangeCase{"chronyd_wrong_by", "System clock wrong by -1.234567 seconds",
                        ClockChange::By::none, false, Nanoseconds(0)},
        ClockChangeCase{"ntpd_sync_lost", "no servers reachable", ClockChange::By::none, false,
                        Nanoseconds(0)},
        // ntpdate names the server, not the size: no step to give.
        ClockChangeCase{"ntpdate_step_without_size", "step time server 192.0.2.1 offset",
                        ClockChange::By::none, false, Nanoseconds(0)}),
    [](const testing::TestParamInfo<ClockChangeCase>& info) { return info.param.name; });

}  // namespace
}  // namespace horolog
