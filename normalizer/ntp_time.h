// NTP statistics timestamps (loopstats, peerstats, clockstats, rawstats, sysstats, protostats of
// ntpd and ntpsec): `MJD seconds[.fraction]`, seconds past midnight UTC. Exact to the nanosecond.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalizer/utc_time.h"

namespace horolog {

// Modified Julian Day of 1970-01-01.
inline constexpr std::int64_t kMjdUnixEpoch = 40587;

// Reads `61016 2.878` (one or more spaces between the fields) from the start of `text`; returns
// the characters consumed, 0 when it is not this shape. Fraction digits beyond the ninth are cut
// (precision_truncated). Seconds 86400.x (a leap second day's 61st second) maps to the day's
// last nanosecond, leap_second set.
std::size_t parse_mjd_time(std::string_view text, UtcTime& out) noexcept;

}  // namespace horolog
