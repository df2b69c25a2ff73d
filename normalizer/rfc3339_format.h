// Writes a UTC instant as RFC 3339 with `Z` and exactly the requested number of fractional
// digits (the source's precision): integer arithmetic only, no tz database, no allocation.
#pragma once

#include <cstddef>
#include <string>

#include "normalizer/time_types.h"

namespace horolog {

// Longest output: "-32767-12-31T23:59:59.123456789Z" fits in 40 bytes.
inline constexpr std::size_t kRfc3339MaxLength = 40;

// Writes into `out` (at least kRfc3339MaxLength bytes); returns the length. digits: 0..9.
std::size_t format_rfc3339_utc(SysNanos time, unsigned digits, char* out) noexcept;

void append_rfc3339_utc(std::string& out, SysNanos time, unsigned digits);

// The same output for a stream of instants that mostly share their second (the events of a
// batch, one `created` time, one clock estimate): the calendar part is only recomputed when the
// second changes. One per stream; not thread-safe.
class Rfc3339Formatter {
 public:
  std::size_t format(SysNanos time, unsigned digits, char* out) noexcept;

 private:
  std::int64_t second_ = 0;
  std::size_t prefix_length_ = 0;        // 0: nothing cached yet
  char prefix_[kRfc3339MaxLength] = {};  // "YYYY-MM-DDTHH:MM:SS" of second_
};

}  // namespace horolog
