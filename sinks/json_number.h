// JSON number output: integers, shortest round-trip doubles, and durations as exact decimal
// milliseconds (integer arithmetic, no printf of a double).
#pragma once

#include <cstdint>
#include <string>

#include "normalizer/time_types.h"

namespace horolog {

void append_json_int(std::string& out, std::int64_t value);
void append_json_uint(std::string& out, std::uint64_t value);

// Shortest text that reads back as the same double; NaN and infinities have no JSON form: `null`.
void append_json_double(std::string& out, double value);

// Milliseconds with exactly three decimals (microsecond resolution, rounded half away from
// zero): -312'000 ns -> `-0.312`, 150'000 ns -> `0.150`.
void append_json_millis(std::string& out, Nanoseconds duration);

}  // namespace horolog
