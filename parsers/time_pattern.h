// User time formats (`time_format:` of the regex and JSON formats) in strptime style, compiled
// once at config time and matched without allocation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "normalizer/civil_time.h"

namespace horolog {

// Supported: %Y %y %m %d %e %H %M %S %f (1-9 digits) %z (Z, ±hh:mm, ±hhmm) %b (English month
// abbreviation) %s (seconds since the epoch, optional fraction) %T (%H:%M:%S) %F (%Y-%m-%d)
// %%; a space matches one or more spaces; everything else matches itself.
class TimePattern {
 public:
  // Throws std::invalid_argument for an unknown conversion (config time).
  explicit TimePattern(std::string_view format);

  // True when the whole of `text` matches; fills `out` (has_year false without %Y/%y/%s).
  bool match(std::string_view text, CivilTime& out) const noexcept;
  const std::string& format() const noexcept { return format_; }

 private:
  std::string format_;  // with %T and %F expanded
};

// Tries each pattern in order, then RFC 3339 as the last fallback.
bool match_time(const std::vector<TimePattern>& patterns, std::string_view text,
                CivilTime& out) noexcept;

}  // namespace horolog
