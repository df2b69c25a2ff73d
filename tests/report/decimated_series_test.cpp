// A series keeps every point while it is small and a bounded number of buckets when it is not,
// without losing its extremes.
#include "agent/commands/report/decimated_series.h"

#include <gtest/gtest.h>

namespace horolog::report {
namespace {

TEST(DecimatedSeries, KeepsSmallSeriesExactly) {
  DecimatedSeries series(8);
  series.add(10, 1.5, 0.5);
  series.add(20, -2.0);
  const std::vector<SeriesBucket> buckets = series.buckets();
  ASSERT_EQ(buckets.size(), 2u);
  EXPECT_EQ(buckets[0].first_s, 10);
  EXPECT_EQ(buckets[0].min, 1.5);
  EXPECT_EQ(buckets[0].low, 1.0);
  EXPECT_EQ(buckets[0].high, 2.0);
  EXPECT_EQ(buckets[1].max, -2.0);
}

TEST(DecimatedSeries, StaysBoundedAndKeepsExtremes) {
  DecimatedSeries series(16);
  for (int i = 0; i < 100000; ++i) series.add(i, i == 51234 ? 900.0 : (i == 777 ? -900.0 : 0.0));
  const std::vector<SeriesBucket> buckets = series.buckets();
  EXPECT_LE(buckets.size(), 16u);
  EXPECT_GE(buckets.size(), 8u);
  double min = 0;
  double max = 0;
  std::uint64_t points = 0;
  for (const SeriesBucket& bucket : buckets) {
    min = std::min(min, bucket.min);
    max = std::max(max, bucket.max);
    points += bucket.points;
  }
  EXPECT_EQ(min, -900.0);
  EXPECT_EQ(max, 900.0);
  EXPECT_EQ(points, 100000u);
  EXPECT_EQ(buckets.front().first_s, 0);
  EXPECT_EQ(buckets.back().last_s, 99999);
}

TEST(DecimatedSeries, SortsBucketsThatArrivedOutOfOrder) {
  DecimatedSeries series(8);
  series.add(30, 3);
  series.add(10, 1);
  const std::vector<SeriesBucket> buckets = series.buckets();
  ASSERT_EQ(buckets.size(), 2u);
  EXPECT_EQ(buckets[0].first_s, 10);
  EXPECT_EQ(buckets[1].first_s, 30);
}

}  // namespace
}  // namespace horolog::report
