// Unix epoch timestamps in JSON logs and user formats: seconds, milliseconds, microseconds or
// nanoseconds since 1970-01-01T00:00:00Z, with an optional decimal fraction. Exact.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalizer/utc_time.h"

namespace horolog {

enum class EpochUnit : std::uint8_t {
  seconds,
  milliseconds,
  microseconds,
  nanoseconds,
  // By the number of integer digits: up to 10 seconds (until 2286), 11..13 milliseconds,
  // 14..16 microseconds, 17..19 nanoseconds.
  automatic,
};

// Reads `[-]digits[.fraction]` from the start of `text` in `unit`. digits = the fraction digits
// the value carries once expressed in seconds (1700000000123 ms -> 3). Precision below a
// nanosecond is cut (digits 9, precision_truncated). Refused: no digits, values outside SysNanos
// (about 1678..2262).
std::size_t parse_epoch(std::string_view text, EpochUnit unit, UtcTime& out) noexcept;

}  // namespace horolog
