// The offset timeline: exact interpolation between samples, an error bound that grows with the
// distance from the nearest sample, and nothing at all outside the samples' span.
#include "normalizer/clock/offset_timeline.h"

#include <gtest/gtest.h>

namespace horolog {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::seconds;

const SysNanos kStart{seconds(1767225600)};  // 2026-01-01T00:00:00Z

OffsetTimeline fifty_behind_to_thirty_ahead() {
  // The clock is 50 ms fast at the start (true - host = -50 ms), 30 ms slow 100 s later.
  return OffsetTimeline({{kStart + seconds(200), milliseconds(30), milliseconds(3)},
                         {kStart, milliseconds(-50), milliseconds(1)},
                         {kStart + seconds(100), milliseconds(30), milliseconds(1)}});
}

struct Point {
  Nanoseconds since_start;
  Nanoseconds offset;
  Nanoseconds error;
  Nanoseconds measured_since_start;
};

class OffsetTimelineAt : public testing::TestWithParam<Point> {};

TEST_P(OffsetTimelineAt, InterpolatesOffsetAndGrowsTheErrorAwayFromSamples) {
  const Point& p = GetParam();
  ClockEstimate estimate;
  ASSERT_TRUE(fifty_behind_to_thirty_ahead().at(kStart + p.since_start, estimate));
  EXPECT_EQ(estimate.offset, p.offset);
  EXPECT_EQ(estimate.error_bound, p.error);
  EXPECT_EQ(estimate.measured_at, kStart + p.measured_since_start);
  EXPECT_EQ(estimate.source, ClockSource::history);
  EXPECT_TRUE(estimate.synchronized);
}

// Hand-computed: offset -50 + 80 * fraction ms between the first two samples; error = the
// samples' errors interpolated + 15 us per second to the nearest sample.
INSTANTIATE_TEST_SUITE_P(
    HandComputed, OffsetTimelineAt,
    testing::Values(Point{seconds(0), milliseconds(-50), milliseconds(1), seconds(0)},
                    Point{seconds(25), milliseconds(-30), microseconds(1375), seconds(0)},
                    Point{seconds(50), milliseconds(-10), microseconds(1750), seconds(0)},
                    Point{seconds(75), milliseconds(10), microseconds(1375), seconds(100)},
                    Point{seconds(100), milliseconds(30), milliseconds(1), seconds(100)},
                    Point{seconds(150), milliseconds(30), microseconds(2750), seconds(100)},
                    Point{seconds(200), milliseconds(30), milliseconds(3), seconds(200)},
                    Point{milliseconds(12500), milliseconds(-40),
                          microseconds(1187) + Nanoseconds(500), seconds(0)}));

TEST(OffsetTimeline, KnowsNothingOutsideTheSamplesSpan) {
  const OffsetTimeline timeline = fifty_behind_to_thirty_ahead();
  ClockEstimate estimate;
  EXPECT_FALSE(timeline.at(kStart - Nanoseconds(1), estimate));
  EXPECT_FALSE(timeline.at(kStart + seconds(200) + Nanoseconds(1), estimate));
  EXPECT_FALSE(OffsetTimeline().at(kStart, estimate));
  EXPECT_EQ(timeline.first(), kStart);
  EXPECT_EQ(timeline.last(), kStart + seconds(200));
}

TEST(OffsetTimeline, RoundsInterpolatedNanosecondsToTheNearest) {
  const OffsetTimeline up(
      {{kStart, Nanoseconds(0), {}}, {kStart + Nanoseconds(3), Nanoseconds(1), {}}});
  const OffsetTimeline down(
      {{kStart, Nanoseconds(0), {}}, {kStart + Nanoseconds(3), Nanoseconds(-1), {}}});
  ClockEstimate e;
  ASSERT_TRUE(up.at(kStart + Nanoseconds(1), e));
  EXPECT_EQ(e.offset, Nanoseconds(0));
  ASSERT_TRUE(up.at(kStart + Nanoseconds(2), e));
  EXPECT_EQ(e.offset, Nanoseconds(1));
  ASSERT_TRUE(down.at(kStart + Nanoseconds(2), e));
  EXPECT_EQ(e.offset, Nanoseconds(-1));
}

TEST(OffsetTimeline, KeepsTheLastOfSamplesAtTheSameInstant) {
  const OffsetTimeline timeline({{kStart, milliseconds(1), {}},
                                 {kStart, milliseconds(2), {}},
                                 {kStart + seconds(1), milliseconds(2), {}}});
  EXPECT_EQ(timeline.size(), 2u);
  ClockEstimate e;
  ASSERT_TRUE(timeline.at(kStart, e));
  EXPECT_EQ(e.offset, milliseconds(2));
}

TEST(OffsetTimeline, ASingleSampleCoversOnlyItsOwnInstant) {
  const OffsetTimeline timeline({{kStart, milliseconds(7), microseconds(5)}});
  ClockEstimate e;
  ASSERT_TRUE(timeline.at(kStart, e));
  EXPECT_EQ(e.offset, milliseconds(7));
  EXPECT_EQ(e.error_bound, microseconds(5));
  EXPECT_FALSE(timeline.at(kStart + Nanoseconds(1), e));
}

}  // namespace
}  // namespace horolog
