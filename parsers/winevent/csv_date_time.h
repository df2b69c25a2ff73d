// The "Date and Time" column of Event Viewer CSV exports: the exporting machine's local time in
// its regional short date and long time format, e.g. `11/26/2026 7:00:04 PM` (en-US),
// `26.11.2026 19:00:04` (de-DE), `26/11/2026 19:00:04` (en-GB), `2026-11-26 19:00:04` (sv-SE).
// Some locales put U+200E/U+200F direction marks around the numbers; they are skipped.
#pragma once

#include <cstdint>
#include <string_view>

#include "normalizer/civil_time.h"
#include "parsers/winevent/date_order.h"

namespace horolog::winevent {

// The two leading numbers of a date and what they allow, for detecting the order.
struct CsvDateShape {
  bool valid = false;
  bool year_first = false;   // YYYY-MM-DD or YYYY/MM/DD: no order needed
  bool twelve_hour = false;  // AM/PM: Windows pairs it with month first (en-US)
  bool dotted = false;       // `.` separators: day first everywhere
  unsigned first = 0, second = 0;
};

CsvDateShape csv_date_shape(std::string_view text) noexcept;

// The whole text as a local civil time (no offset), day and month placed by `order` (which must
// not be auto_detect unless the shape decides: year first, dotted, AM/PM). False when it is no
// such time or the numbers are out of range.
bool parse_csv_date_time(std::string_view text, DateOrder order, CivilTime& out) noexcept;

}  // namespace horolog::winevent
