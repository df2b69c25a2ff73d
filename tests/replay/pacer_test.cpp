// Pacing as arithmetic: when each event is due, without waiting for anything.
#include "agent/commands/replay/pacer.h"

#include <gtest/gtest.h>

namespace horolog {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const SysNanos kT{seconds(1767225600)};

TEST(Pacer, UnpacedMakesEveryEventDueAtOnce) {
  Pacer pacer = Pacer::unpaced();
  EXPECT_FALSE(pacer.paced());
  EXPECT_EQ(pacer.next(kT), Nanoseconds(0));
  EXPECT_EQ(pacer.next(kT + seconds(3600)), Nanoseconds(0));
}

TEST(Pacer, RateSpacesEventsEvenlyWhateverTheirTimes) {
  Pacer pacer = Pacer::at_rate(4.0);
  EXPECT_TRUE(pacer.paced());
  EXPECT_EQ(pacer.next(kT + seconds(100)), milliseconds(0));
  EXPECT_EQ(pacer.next(std::nullopt), milliseconds(250));
  EXPECT_EQ(pacer.next(kT), milliseconds(500));
  EXPECT_EQ(pacer.next(kT + seconds(1)), milliseconds(750));
}

TEST(Pacer, SpeedScalesTheEventsOwnIntervalsFromTheFirstTimedEvent) {
  Pacer pacer = Pacer::at_speed(2.0);
  EXPECT_EQ(pacer.next(std::nullopt), seconds(0));  // untimed before anything: at once
  EXPECT_EQ(pacer.next(kT), seconds(0));            // the first timed event starts the clock
  EXPECT_EQ(pacer.next(kT + seconds(10)), seconds(5));
  EXPECT_EQ(pacer.next(kT + seconds(4)), seconds(5));   // out of order: due at once
  EXPECT_EQ(pacer.next(kT - seconds(60)), seconds(5));  // before the first: due at once
  EXPECT_EQ(pacer.next(std::nullopt), seconds(5));
  EXPECT_EQ(pacer.next(kT + seconds(21)), milliseconds(10500));
}

TEST(Pacer, SpeedBelowOneSlowsTheReplayDown) {
  Pacer pacer = Pacer::at_speed(0.5);
  EXPECT_EQ(pacer.next(kT), seconds(0));
  EXPECT_EQ(pacer.next(kT + milliseconds(1500)), seconds(3));
}

}  // namespace
}  // namespace horolog
