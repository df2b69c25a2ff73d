// Time vocabulary shared by every stage: nanosecond UTC instants, durations, and the flags
// that record how an event's time was obtained.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

namespace horolog {

using Nanoseconds = std::chrono::nanoseconds;
using SysNanos = std::chrono::sys_time<std::chrono::nanoseconds>;

// How an event's @timestamp was obtained; every assumption is visible on the event.
enum class TimeFlag : std::uint16_t {
  year_inferred = 1u << 0,  // the source had no year; it was inferred from the reference time
  zone_assumed = 1u << 1,   // the source had no offset; the input's zone was applied
  dst_gap = 1u << 2,        // local time fell in a spring-forward gap; shifted forward
  dst_fold = 1u << 3,       // local time was ambiguous (fall-back fold); resolved by record order
  leap_second = 1u << 4,    // hh:mm:60 mapped to the last nanosecond of hh:mm:59
  future = 1u << 5,         // beyond the reference time by more than the tolerance
  no_timestamp = 1u << 6,   // no usable timestamp in the record; ingest time used
  // more than 9 fractional digits: cut (not rounded) to the nanosecond; precision_digits is 9
  precision_truncated = 1u << 7,
  // the wall clock was stepped just before this record (a journal entry on the new clock)
  clock_stepped = 1u << 8,
};

class TimeFlags {
 public:
  constexpr void set(TimeFlag flag) noexcept { bits_ |= static_cast<std::uint16_t>(flag); }
  constexpr bool has(TimeFlag flag) const noexcept {
    return (bits_ & static_cast<std::uint16_t>(flag)) != 0;
  }
  constexpr bool empty() const noexcept { return bits_ == 0; }
  constexpr std::uint16_t bits() const noexcept { return bits_; }
  constexpr void clear() noexcept { bits_ = 0; }

 private:
  std::uint16_t bits_ = 0;
};

// Names as written in horolog.time.flags, in bit order.
inline constexpr std::string_view kTimeFlagNames[] = {
    "year_inferred", "zone_assumed",        "dst_gap",       "dst_fold", "leap_second", "future",
    "no_timestamp",  "precision_truncated", "clock_stepped",
};

}  // namespace horolog
