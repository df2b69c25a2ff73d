// Linear interpolation in exact integer nanoseconds; the drift term is the only rounded part.
#include "normalizer/clock/offset_timeline.h"

#include <algorithm>
#include <cmath>

namespace horolog {

namespace {

// a + (b - a) * num / den, rounded to the nearest nanosecond; 128-bit so nothing overflows.
Nanoseconds interpolate(Nanoseconds a, Nanoseconds b, std::int64_t num, std::int64_t den) noexcept {
  const __int128 scaled = static_cast<__int128>(b.count() - a.count()) * num;
  const __int128 half = den / 2;
  const __int128 step = scaled >= 0 ? (scaled + half) / den : (scaled - half) / den;
  return a + Nanoseconds(static_cast<std::int64_t>(step));
}

}  // namespace

OffsetTimeline::OffsetTimeline(std::vector<OffsetSample> samples) : samples_(std::move(samples)) {
  std::stable_sort(samples_.begin(), samples_.end(),
                   [](const OffsetSample& a, const OffsetSample& b) { return a.time < b.time; });
  // Keep the last of equal times: a later line for the same instant supersedes an earlier one.
  auto out = samples_.begin();
  for (auto it = samples_.begin(); it != samples_.end(); ++it) {
    if (out != samples_.begin() && (out - 1)->time == it->time) {
      *(out - 1) = *it;
    } else {
      *out++ = *it;
    }
  }
  samples_.erase(out, samples_.end());
}

bool OffsetTimeline::at(SysNanos t, ClockEstimate& estimate) const noexcept {
  if (samples_.empty() || t < samples_.front().time || t > samples_.back().time) return false;
  const auto after =
      std::lower_bound(samples_.begin(), samples_.end(), t,
                       [](const OffsetSample& s, SysNanos time) { return s.time < time; });
  estimate = ClockEstimate{};
  estimate.source = ClockSource::history;
  estimate.synchronized = true;
  if (after->time == t) {
    estimate.offset = after->offset;
    estimate.error_bound = after->error;
    estimate.measured_at = after->time;
    return true;
  }
  const OffsetSample& a = *(after - 1);
  const OffsetSample& b = *after;
  const std::int64_t span = (b.time - a.time).count();
  const std::int64_t since = (t - a.time).count();
  estimate.offset = interpolate(a.offset, b.offset, since, span);
  const std::int64_t distance = std::min(since, span - since);
  const auto drift = Nanoseconds(std::llround(static_cast<double>(distance) * kDriftBound));
  estimate.error_bound = interpolate(a.error, b.error, since, span) + drift;
  estimate.measured_at = since <= span - since ? a.time : b.time;
  return true;
}

}  // namespace horolog
