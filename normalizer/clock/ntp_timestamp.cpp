// Exact conversions between NTP timestamps and nanosecond UTC instants.
#include "normalizer/clock/ntp_timestamp.h"

namespace horolog {
namespace {

constexpr std::int64_t kNanosPerSecond = 1'000'000'000;
constexpr std::int64_t kEraSeconds = std::int64_t{1} << 32;

// Floor division: instants before 1970 have negative nanosecond counts.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

}  // namespace

NtpTimestamp to_ntp(SysNanos time) noexcept {
  const std::int64_t ns = time.time_since_epoch().count();
  std::int64_t unix_seconds = floor_div(ns, kNanosPerSecond);
  std::uint64_t sub_ns = static_cast<std::uint64_t>(ns - unix_seconds * kNanosPerSecond);
  // sub_ns < 2^30, so the product stays below 2^62.
  std::uint64_t fraction = ((sub_ns << 32) + kNanosPerSecond / 2) / kNanosPerSecond;
  if (fraction == (std::uint64_t{1} << 32)) {
    fraction = 0;
    ++unix_seconds;
  }
  const auto ntp_seconds = static_cast<std::uint64_t>(unix_seconds + kNtpToUnixSeconds);
  return {static_cast<std::uint32_t>(ntp_seconds), static_cast<std::uint32_t>(fraction)};
}

SysNanos from_ntp(NtpTimestamp stamp, SysNanos pivot) noexcept {
  const std::int64_t pivot_ntp_seconds =
      floor_div(pivot.time_since_epoch().count(), kNanosPerSecond) + kNtpToUnixSeconds;
  const std::int64_t era = floor_div(pivot_ntp_seconds, kEraSeconds);
  std::int64_t seconds = era * kEraSeconds + stamp.seconds;
  // The candidate in the pivot's era may be up to one era off; take the nearest of three.
  if (seconds - pivot_ntp_seconds > kEraSeconds / 2) {
    seconds -= kEraSeconds;
  } else if (pivot_ntp_seconds - seconds > kEraSeconds / 2) {
    seconds += kEraSeconds;
  }
  const std::int64_t sub_ns = static_cast<std::int64_t>(
      ((std::uint64_t{stamp.fraction} * kNanosPerSecond) + (std::uint64_t{1} << 31)) >> 32);
  return SysNanos{Nanoseconds{(seconds - kNtpToUnixSeconds) * kNanosPerSecond + sub_ns}};
}

Nanoseconds from_ntp_short(std::uint32_t value) noexcept {
  const std::uint64_t ns = (std::uint64_t{value} * kNanosPerSecond + (1u << 15)) >> 16;
  return Nanoseconds{static_cast<std::int64_t>(ns)};
}

std::uint32_t to_ntp_short(Nanoseconds value) noexcept {
  if (value.count() <= 0) return 0;
  const auto ns = static_cast<std::uint64_t>(value.count());
  if (ns >= std::uint64_t{65536} * kNanosPerSecond) return 0xFFFFFFFFu;
  return static_cast<std::uint32_t>(((ns << 16) + kNanosPerSecond / 2) / kNanosPerSecond);
}

Nanoseconds on_wire_offset(const OnWireTimes& t) noexcept {
  return ((t.t2 - t.t1) + (t.t3 - t.t4)) / 2;
}

Nanoseconds on_wire_delay(const OnWireTimes& t) noexcept { return (t.t4 - t.t1) - (t.t3 - t.t2); }

}  // namespace horolog
