// NTP's 64-bit timestamps (32.32 fixed point seconds since 1900, eras of 2^32 s) and the
// exact RFC 5905 on-wire arithmetic that turns T1..T4 into offset and delay.
#pragma once

#include <cstdint>

#include "normalizer/time_types.h"

namespace horolog {

// Seconds from 1900-01-01 (NTP era 0) to 1970-01-01 (Unix epoch).
inline constexpr std::int64_t kNtpToUnixSeconds = 2'208'988'800;

struct NtpTimestamp {
  std::uint32_t seconds = 0;
  std::uint32_t fraction = 0;  // units of 2^-32 s

  constexpr std::uint64_t raw() const noexcept { return (std::uint64_t{seconds} << 32) | fraction; }
  static constexpr NtpTimestamp from_raw(std::uint64_t raw) noexcept {
    return {static_cast<std::uint32_t>(raw >> 32), static_cast<std::uint32_t>(raw)};
  }
  constexpr bool is_zero() const noexcept { return seconds == 0 && fraction == 0; }
  friend constexpr bool operator==(NtpTimestamp, NtpTimestamp) = default;
};

// Drops the era (the timestamp only carries seconds modulo 2^32); the fraction is rounded to
// the nearest 2^-32 s, so from_ntp(to_ntp(t), t) == t for every nanosecond t.
NtpTimestamp to_ntp(SysNanos time) noexcept;

// Picks the era that puts the result closest to `pivot` (a time known to be within 68 years of
// the true one, usually the local clock), so 2036's rollover and later ones decode correctly.
SysNanos from_ntp(NtpTimestamp stamp, SysNanos pivot) noexcept;

// NTP short format (16.16 seconds), used for root delay and root dispersion.
Nanoseconds from_ntp_short(std::uint32_t value) noexcept;
std::uint32_t to_ntp_short(Nanoseconds value) noexcept;

// The client/server exchange: T1 our transmit, T2 server receive, T3 server transmit, T4 our
// receive. T1 and T4 come from the host clock, T2 and T3 from the server.
struct OnWireTimes {
  SysNanos t1;
  SysNanos t2;
  SysNanos t3;
  SysNanos t4;
};

// theta = ((T2 - T1) + (T3 - T4)) / 2: true time minus host clock.
Nanoseconds on_wire_offset(const OnWireTimes& t) noexcept;
// delta = (T4 - T1) - (T3 - T2): round trip minus the server's processing time.
Nanoseconds on_wire_delay(const OnWireTimes& t) noexcept;

}  // namespace horolog
