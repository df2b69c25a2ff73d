// Parsers for the text timestamp shapes of syslog, ISO 8601 and the NTP daemons' logs. Each reads
// from the start of `text`, fills a CivilTime and returns how many characters it consumed
// (0 = not this shape, `out` unspecified). A stamp followed directly by a digit is refused.
// Windows, NTP statistics, epoch and user formats live in windows_time.h, ntp_time.h,
// epoch_time.h and strptime_format.h.
#pragma once

#include <cstddef>
#include <string_view>

#include "normalizer/civil_time.h"

namespace horolog {

// Every shape's optional fraction after the seconds (`.` or `,`) may have any number of digits:
// beyond nine they are cut (CivilTime::precision_truncated).

// RFC 3164 `Mmm dd hh:mm:ss`: day space-padded, zero-padded or unpadded; optional year after
// the day (`Nov 26 2026 12:00:00`); optional `.fraction` after the seconds.
// Month names are English, any letter case.
std::size_t parse_rfc3164_time(std::string_view text, CivilTime& out) noexcept;

// RFC 3339 / ISO 8601: `YYYY-MM-DD[T ]hh:mm:ss[.f][Z|±hh:mm|±hhmm]`; the offset is optional
// (`t`, `z` and a `,` decimal mark are accepted too). `-00:00` reads as UTC.
std::size_t parse_rfc3339(std::string_view text, CivilTime& out) noexcept;

// Classic ntpd's own log: `26 Nov 12:00:00` (day first, no year, local time). ntpd pads days
// 1-9 with a space (` 7 Dec 10:11:12`, its "%2d"); the space is part of the stamp. An unpadded
// `7 Dec` and a zero-padded `07 Dec` are read too.
std::size_t parse_ntpd_log_time(std::string_view text, CivilTime& out) noexcept;

// chrony's log files: `YYYY-MM-DD hh:mm:ss[.ffffff]`, UTC by definition (has_offset, offset 0).
std::size_t parse_chrony_time(std::string_view text, CivilTime& out) noexcept;

}  // namespace horolog
