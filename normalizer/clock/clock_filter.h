// Per-server clock filter (RFC 5905 §10): of a burst of samples keep the one with the least
// delay, and bound its error by the root distance lambda.
#pragma once

#include <span>

#include "normalizer/clock/ntp_packet.h"

namespace horolog {

// One validated exchange with a server.
struct NtpSample {
  Nanoseconds offset{0};   // theta
  Nanoseconds delay{0};    // delta
  SysNanos received_at{};  // T4, host clock
  NtpHeader reply;
};

struct FilteredSample {
  NtpSample best;
  // RMS difference of the other samples' offsets from the best one (RFC 5905 peer jitter).
  Nanoseconds jitter{0};
  // lambda = (root delay + delta)/2 + root dispersion + precision terms + jitter: the half-width
  // of the interval that contains true time if the server is honest.
  Nanoseconds root_distance{0};
};

// `samples` must not be empty.
FilteredSample filter_samples(std::span<const NtpSample> samples) noexcept;

// 2^exponent seconds (NTP precision and poll fields) in nanoseconds.
Nanoseconds log2_seconds(int exponent) noexcept;

}  // namespace horolog
