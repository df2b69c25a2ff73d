// An instant read from a shape that is UTC by definition (FILETIME, MJD, Unix epoch, /Date()/):
// no zone or year to apply, only the precision the source gave.
#pragma once

#include <cstdint>

#include "normalizer/civil_time.h"
#include "normalizer/time_types.h"

namespace horolog {

struct UtcTime {
  SysNanos time{};
  std::uint8_t digits = 0;  // fractional digits the source carried (0..9)
  // The source carried more precision than a nanosecond: `time` is cut to it, `digits` is 9.
  bool precision_truncated = false;
  // The source counted a 61st second (MJD seconds 86400.x); `time` is then the last nanosecond
  // of the day, as TimeResolver does for hh:mm:60.
  bool leap_second = false;
};

// The same instant as a UTC civil time (has_offset, offset 0), for code paths that take civil
// times (user formats with %s). A leap second stays the last nanosecond of :59.
CivilTime utc_to_civil(const UtcTime& utc) noexcept;

}  // namespace horolog
