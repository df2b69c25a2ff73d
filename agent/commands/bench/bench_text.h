// Text pieces the benchmark generators share: the timestamp shapes of the formats (syslog,
// RFC 3339, MJD, chrony) and fixed-width numbers. Generation is not timed; clarity wins here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace horolog {

// Appends `value` in decimal, left-padded with `pad` to at least `width` characters.
void append_padded(std::string& out, std::int64_t value, int width = 0, char pad = '0');
// Appends `value` with printf's `format` (one double conversion, e.g. "%.3e").
void append_double(std::string& out, const char* format, double value);

// `Nov  6 12:00:01` (RFC 3164: day padded with a space).
void append_bsd_stamp(std::string& out, std::int64_t unix_us);
// `2026-11-26T13:09:58.437115+01:00`: `digits` fraction digits (0, 3 or 6), local time at
// `offset_min` east of UTC, `Z` when `utc_z` and the offset is zero.
void append_rfc3339(std::string& out, std::int64_t unix_us, int digits, int offset_min, bool utc_z);
// `2026-11-26 13:07:48` (chrony logs, UTC), with `digits` fraction digits when nonzero.
void append_chrony_stamp(std::string& out, std::int64_t unix_us, int digits = 0);
// `61370 47270.713` (ntpd statistics: Modified Julian Day and seconds past midnight UTC).
void append_mjd_stamp(std::string& out, std::int64_t unix_us);
// `26/Nov/2026:13:09:58 +0000` (Common Log Format).
void append_clf_stamp(std::string& out, std::int64_t unix_us);
// An IPv4 address in 10.0.0.0/8 or 192.168.0.0/16 drawn from `bits`.
void append_private_ipv4(std::string& out, std::uint64_t bits);

}  // namespace horolog
