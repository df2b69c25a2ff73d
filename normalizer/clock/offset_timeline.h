// The host clock's offset over a past period, from archived NTP statistics (replay): samples in,
// the offset and its error bound at any instant of the covered span out.
//
// Model: between two samples the offset is interpolated linearly (a disciplined clock is slewed
// smoothly between updates). The error bound is the linear interpolation of the samples' own
// errors plus kDriftBound times the distance to the nearest sample: the clock may have wandered
// at up to RFC 5905's frequency tolerance (PHI, 15 ppm) since the last thing known about it.
// Outside [first sample, last sample] nothing is known: at() says so instead of extrapolating.
#pragma once

#include <vector>

#include "normalizer/clock_estimate.h"
#include "normalizer/time_types.h"

namespace horolog {

struct OffsetSample {
  SysNanos time;          // host-clock time of the sample
  Nanoseconds offset{0};  // true time minus host clock (NTP's theta), as ClockEstimate
  Nanoseconds error{0};   // the sample's own error (>= 0)
};

class OffsetTimeline {
 public:
  // RFC 5905 PHI: the frequency tolerance a clock's error is assumed to grow by.
  static constexpr double kDriftBound = 15e-6;

  OffsetTimeline() = default;
  // Sorts the samples by time; of several at the same instant the last one given is kept.
  explicit OffsetTimeline(std::vector<OffsetSample> samples);

  std::size_t size() const noexcept { return samples_.size(); }
  SysNanos first() const noexcept { return samples_.front().time; }  // requires size() > 0
  SysNanos last() const noexcept { return samples_.back().time; }    // requires size() > 0

  // The estimate at host-clock time `t` (source history, measured_at = the nearest sample's
  // time, synchronized), or false when `t` lies outside the span of the samples.
  [[nodiscard]] bool at(SysNanos t, ClockEstimate& estimate) const noexcept;

 private:
  std::vector<OffsetSample> samples_;
};

}  // namespace horolog
