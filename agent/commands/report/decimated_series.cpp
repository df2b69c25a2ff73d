// Pairwise merging in arrival order: the input of one file is in time order, so merged neighbours
// are neighbours in time too, and the work per point stays constant.
#include "agent/commands/report/decimated_series.h"

#include <algorithm>

namespace horolog::report {

namespace {

void merge_into(SeriesBucket& into, const SeriesBucket& from) {
  into.first_s = std::min(into.first_s, from.first_s);
  into.last_s = std::max(into.last_s, from.last_s);
  into.min = std::min(into.min, from.min);
  into.max = std::max(into.max, from.max);
  into.low = std::min(into.low, from.low);
  into.high = std::max(into.high, from.high);
  into.points += from.points;
}

}  // namespace

DecimatedSeries::DecimatedSeries(std::size_t max_buckets)
    : max_buckets_(std::max<std::size_t>(max_buckets, 2)) {
  buckets_.reserve(max_buckets_);
}

void DecimatedSeries::add(double time_s, double value, double error) {
  const SeriesBucket point{time_s, time_s, value, value, value - error, value + error, 1};
  ++points_;
  if (!buckets_.empty() && buckets_.back().points < points_per_bucket_) {
    merge_into(buckets_.back(), point);
    return;
  }
  if (buckets_.size() == max_buckets_) halve();
  buckets_.push_back(point);
}

void DecimatedSeries::halve() {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < buckets_.size(); i += 2) {
    SeriesBucket merged = buckets_[i];
    if (i + 1 < buckets_.size()) merge_into(merged, buckets_[i + 1]);
    buckets_[kept++] = merged;
  }
  buckets_.resize(kept);
  points_per_bucket_ *= 2;
}

std::vector<SeriesBucket> DecimatedSeries::buckets() const {
  std::vector<SeriesBucket> sorted = buckets_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const SeriesBucket& a, const SeriesBucket& b) {
    return a.first_s < b.first_s;
  });
  return sorted;
}

}  // namespace horolog::report
