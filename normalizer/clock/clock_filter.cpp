// Minimum-delay selection, jitter and root distance for one server's burst.
#include "normalizer/clock/clock_filter.h"

#include <algorithm>
#include <cmath>

namespace horolog {
namespace {

// Host clock read precision assumed for T1/T4 (kernel receive timestamps, clock_gettime).
constexpr Nanoseconds kLocalPrecision{1000};
// RFC 5905 PHI: the frequency tolerance (15 ppm) by which dispersion grows with time.
constexpr double kPhi = 15e-6;

}  // namespace

Nanoseconds log2_seconds(int exponent) noexcept {
  return Nanoseconds{static_cast<std::int64_t>(std::ldexp(1e9, std::clamp(exponent, -32, 32)))};
}

FilteredSample filter_samples(std::span<const NtpSample> samples) noexcept {
  FilteredSample out;
  out.best =
      *std::min_element(samples.begin(), samples.end(),
                        [](const NtpSample& a, const NtpSample& b) { return a.delay < b.delay; });
  double sum_squares = 0.0;
  for (const NtpSample& s : samples) {
    const double d = static_cast<double>((s.offset - out.best.offset).count());
    sum_squares += d * d;
  }
  if (samples.size() > 1) {
    out.jitter = Nanoseconds{static_cast<std::int64_t>(
        std::sqrt(sum_squares / static_cast<double>(samples.size() - 1)))};
  }
  const NtpHeader& r = out.best.reply;
  const Nanoseconds delay = std::max(out.best.delay, Nanoseconds{0});
  const Nanoseconds dispersion =
      log2_seconds(r.precision) + kLocalPrecision +
      Nanoseconds{static_cast<std::int64_t>(kPhi * static_cast<double>(delay.count()))};
  out.root_distance = (from_ntp_short(r.root_delay) + delay) / 2 +
                      from_ntp_short(r.root_dispersion) + dispersion + out.jitter;
  return out;
}

}  // namespace horolog
