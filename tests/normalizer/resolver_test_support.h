// Shared helpers for TimeResolver tests: instants from RFC 3339 text, and one-call resolution of
// a stamp in a zone against a reference.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "normalizer/rfc3339_format.h"
#include "normalizer/time_resolver.h"
#include "normalizer/timestamp_formats.h"

namespace horolog::test {

// "2027-01-01T03:00:00Z" (any offset) to an instant; fails the test on bad text.
inline SysNanos instant(std::string_view text) {
  CivilTime c;
  EXPECT_EQ(parse_rfc3339(text, c), text.size()) << text;
  TimeResolver utc({Zone::utc(), SysNanos{}, std::chrono::hours(24 * 365 * 100)});
  Event e;
  EXPECT_TRUE(utc.resolve(c, e)) << text;
  return e.timestamp;
}

inline std::string rfc3339(const Event& event) {
  std::string out;
  append_rfc3339_utc(out, event.timestamp, event.precision_digits);
  return out;
}

inline std::string flag_list(const TimeFlags& flags) {
  std::string out;
  for (std::size_t i = 0; i < std::size(kTimeFlagNames); ++i) {
    if (flags.has(static_cast<TimeFlag>(1u << i))) {
      if (!out.empty()) out += ',';
      out += kTimeFlagNames[i];
    }
  }
  return out;
}

}  // namespace horolog::test
