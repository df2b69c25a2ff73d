// A timestamp as written in a record, before any zone or year is applied: the common output of
// every timestamp-shape parser and the input of TimeResolver.
#pragma once

#include <cstdint>

namespace horolog {

class Zone;

struct CivilTime {
  int year = 0;
  bool has_year = false;    // false for RFC 3164, ntpd's log and other year-less shapes
  unsigned month = 1;       // 1..12
  unsigned day = 1;         // 1..31
  unsigned hour = 0;        // 0..23
  unsigned minute = 0;      // 0..59
  unsigned second = 0;      // 0..60 (60 = leap second)
  std::uint32_t nanos = 0;  // fraction of the second, in nanoseconds
  std::uint8_t digits = 0;  // fractional digits as written (0..9)
  // More than 9 fractional digits were written: `nanos` holds the first 9, `digits` is 9.
  bool precision_truncated = false;
  // The text carried `Z` or `±hh:mm`, or the shape is UTC by definition (chrony, ntpsec stats):
  // such stamps are never flagged zone_assumed.
  bool has_offset = false;
  std::int32_t offset_seconds = 0;  // local minus UTC, when has_offset
  // A zone the stamp named itself (strptime `%Z` with an IANA name), used instead of the input's
  // zone when there is no offset. Points into the TimeFormat that parsed it.
  const Zone* zone = nullptr;
};

}  // namespace horolog
