// The host clock's measured offset from true time, as published by the clock monitor and
// attached to every event (host.clock.*).
#pragma once

#include <cstdint>
#include <string_view>

#include "normalizer/time_types.h"

namespace horolog {

enum class ClockSource : std::uint8_t {
  none,     // nothing measured yet
  ntp,      // own NTP client, selection over servers
  nts,      // own NTP client with NTS-authenticated servers
  kernel,   // the kernel's own estimate (ntp_adjtime, read-only)
  history,  // replay: offset timeline from archived loopstats/tracking logs
  // the log's own clock changes: the record was stamped while a change had put the clock wrong
  time_change,
};

std::string_view to_string(ClockSource source) noexcept;

struct ClockEstimate {
  // True time minus host clock (NTP's theta): add it to a host-clock stamp to correct it.
  Nanoseconds offset{0};
  // Half-width of the interval that contains the true offset.
  Nanoseconds error_bound{0};
  SysNanos measured_at{};
  ClockSource source = ClockSource::none;
  // Trustworthy: enough servers agreed and nothing contradicted them (see clock_trust.h).
  bool synchronized = false;
  // Servers whose offsets make up `offset` (0 unless synchronized from NTP).
  std::uint16_t servers_used = 0;
  // Servers that survived the intersection step of the last measurement, trusted or not.
  std::uint16_t servers_agreeing = 0;
  // Servers that answered but were thrown out: too distant or falsetickers.
  std::uint16_t servers_rejected = 0;
  // Frequency error of the host clock, parts per billion (for extrapolation between polls).
  double drift_ppb = 0.0;
};

}  // namespace horolog
