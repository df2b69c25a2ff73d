// Readable CivilTime values in test failure messages and a field-by-field equality for tables.
#pragma once

#include <ostream>

#include "normalizer/civil_time.h"

namespace horolog {

inline bool operator==(const CivilTime& a, const CivilTime& b) {
  return a.year == b.year && a.has_year == b.has_year && a.month == b.month && a.day == b.day &&
         a.hour == b.hour && a.minute == b.minute && a.second == b.second && a.nanos == b.nanos &&
         a.digits == b.digits && a.precision_truncated == b.precision_truncated &&
         a.has_offset == b.has_offset && a.offset_seconds == b.offset_seconds && a.zone == b.zone;
}

inline std::ostream& operator<<(std::ostream& os, const CivilTime& c) {
  return os << (c.has_year ? c.year : -1) << '-' << c.month << '-' << c.day << ' ' << c.hour << ':'
            << c.minute << ':' << c.second << " ns=" << c.nanos << " digits=" << int{c.digits}
            << (c.precision_truncated ? " (cut)" : "")
            << " offset=" << (c.has_offset ? c.offset_seconds : -99999);
}

// Builders for expected values in tables.
inline CivilTime civil(int year, unsigned month, unsigned day, unsigned hour, unsigned minute,
                       unsigned second, std::uint32_t nanos = 0, std::uint8_t digits = 0) {
  CivilTime c;
  c.year = year;
  c.has_year = year != 0;
  c.month = month;
  c.day = day;
  c.hour = hour;
  c.minute = minute;
  c.second = second;
  c.nanos = nanos;
  c.digits = digits;
  return c;
}

// More than nine fraction digits were written: `nanos` holds the first nine.
inline CivilTime cut(CivilTime c) {
  c.precision_truncated = true;
  return c;
}

inline CivilTime with_offset(CivilTime c, std::int32_t offset_seconds) {
  c.has_offset = true;
  c.offset_seconds = offset_seconds;
  return c;
}

}  // namespace horolog
