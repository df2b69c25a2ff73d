// Windows timestamp shapes: FILETIME (EVTX, 100 ns since 1601 UTC), SYSTEMTIME (EVTX binary
// XML), `SystemTime='…Z'` attributes (rendered event XML), Event Viewer CSV local times in the
// US and day-first forms, and PowerShell 5.1 JSON `/Date(ms)/`. Exact integer conversions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalizer/civil_time.h"
#include "normalizer/utc_time.h"

namespace horolog {

// FILETIME of 1970-01-01T00:00:00Z.
inline constexpr std::uint64_t kFiletimeUnixEpoch = 116'444'736'000'000'000ull;

// 100 ns ticks since 1601 (UTC) to an instant with 7 digits. False outside the range of SysNanos
// (about 1678..2262), which includes the zero FILETIME that means "not set".
[[nodiscard]] bool filetime_to_utc(std::uint64_t filetime, UtcTime& out) noexcept;

// The Win32 SYSTEMTIME structure, field for field.
struct SystemTime {
  std::uint16_t year = 0;
  std::uint16_t month = 0;        // 1..12
  std::uint16_t day_of_week = 0;  // ignored: the date decides
  std::uint16_t day = 0;
  std::uint16_t hour = 0;
  std::uint16_t minute = 0;
  std::uint16_t second = 0;
  std::uint16_t milliseconds = 0;
};

// SYSTEMTIME to a CivilTime with 3 digits; `utc` marks it as UTC (has_offset). False when a
// field is out of range.
[[nodiscard]] bool systemtime_to_civil(const SystemTime& st, bool utc, CivilTime& out) noexcept;
// The same from the 16 little-endian bytes EVTX stores (SysTimeType); false if size != 16.
[[nodiscard]] bool systemtime_bytes_to_civil(std::string_view bytes, bool utc,
                                             CivilTime& out) noexcept;

// `SystemTime='2026-10-25T00:30:00.3746446Z'` (either quote) from the start of `text`: the value
// is RFC 3339 (7 or 9 digits). Returns the characters consumed up to the closing quote.
std::size_t parse_system_time_attribute(std::string_view text, CivilTime& out) noexcept;

// Event Viewer CSV, US format: `11/26/2026 1:05:07 PM` (M/D/YYYY h:mm:ss AM|PM), local time.
std::size_t parse_eventviewer_us_time(std::string_view text, CivilTime& out) noexcept;
// Event Viewer CSV, day-first regional formats: `26.11.2026 13:05:07` (D.M.YYYY H:mm:ss).
std::size_t parse_eventviewer_day_first_time(std::string_view text, CivilTime& out) noexcept;

// PowerShell 5.1 ConvertTo-Json dates: `/Date(1792888200374)/`, `/Date(-1000)/` and
// `/Date(1792888200374+0100)/`, also with JSON's escaped slashes `\/Date(…)\/`. The
// milliseconds are UTC; an offset after them only says where the value was local, so it is
// checked and ignored. 3 digits.
std::size_t parse_dotnet_json_date(std::string_view text, UtcTime& out) noexcept;

}  // namespace horolog
