// A time series of any length kept in bounded memory: points are folded into buckets that keep
// their extremes, so a chart of a year of statistics costs no more than one of an hour.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace horolog::report {

// One or more consecutive points. A bucket of one point holds that point exactly.
struct SeriesBucket {
  double first_s = 0;  // time of the earliest point, seconds since the epoch
  double last_s = 0;   // time of the latest point
  double min = 0;      // smallest and largest value
  double max = 0;
  double low = 0;  // smallest value minus its error, largest value plus its error (the band)
  double high = 0;
  std::uint64_t points = 0;

  double mid_s() const noexcept { return (first_s + last_s) / 2; }
};

class DecimatedSeries {
 public:
  // At most `max_buckets` are kept (at least 2); past that, neighbours merge pairwise and later
  // points fill buckets twice as wide, so the series always keeps between half and all of them.
  explicit DecimatedSeries(std::size_t max_buckets = kDefaultMaxBuckets);

  // `error` is the half-width of the band around `value` (0 when unknown).
  void add(double time_s, double value, double error = 0);

  // In time order (points arriving out of order are sorted at the bucket level).
  std::vector<SeriesBucket> buckets() const;
  std::uint64_t points() const noexcept { return points_; }
  bool empty() const noexcept { return points_ == 0; }

  // About one bucket per pixel column of a chart.
  static constexpr std::size_t kDefaultMaxBuckets = 1024;

 private:
  void halve();

  std::size_t max_buckets_;
  std::uint64_t points_per_bucket_ = 1;
  std::uint64_t points_ = 0;
  std::vector<SeriesBucket> buckets_;
};

}  // namespace horolog::report
