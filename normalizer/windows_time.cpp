// Windows timestamp shapes to CivilTime / UTC instants: integer arithmetic and fixed layouts.
#include "normalizer/windows_time.h"

#include <limits>

#include "normalizer/time_text.h"
#include "normalizer/timestamp_formats.h"

namespace horolog {

using namespace time_text;

namespace {

bool read_hms(std::string_view s, std::size_t& pos, CivilTime& out) noexcept {
  if (!read_between(s, pos, 1, 2, out.hour) || !read_char(s, pos, ':') ||
      !read_fixed(s, pos, 2, out.minute) || !read_char(s, pos, ':') ||
      !read_fixed(s, pos, 2, out.second)) {
    return false;
  }
  return out.minute <= 59 && out.second <= 60;
}

bool read_date_fields(std::string_view s, std::size_t& pos, char separator, unsigned& first,
                      unsigned& second, CivilTime& out) noexcept {
  unsigned year = 0;
  if (!read_between(s, pos, 1, 2, first) || !read_char(s, pos, separator) ||
      !read_between(s, pos, 1, 2, second) || !read_char(s, pos, separator) ||
      !read_fixed(s, pos, 4, year) || !read_char(s, pos, ' ')) {
    return false;
  }
  out.year = static_cast<int>(year);
  out.has_year = true;
  return true;
}

bool finish_local(CivilTime& out) noexcept {
  out.nanos = 0;
  out.digits = 0;
  out.has_offset = false;
  out.offset_seconds = 0;
  out.zone = nullptr;
  return out.month >= 1 && out.month <= 12 && out.day >= 1 &&
         out.day <= days_in_month(out.year, out.month) && out.hour <= 23;
}

}  // namespace

bool filetime_to_utc(std::uint64_t filetime, UtcTime& out) noexcept {
  constexpr std::int64_t kMaxTicks = std::numeric_limits<std::int64_t>::max() / 100;
  const std::int64_t ticks = filetime >= kFiletimeUnixEpoch
                                 ? static_cast<std::int64_t>(filetime - kFiletimeUnixEpoch)
                                 : -static_cast<std::int64_t>(kFiletimeUnixEpoch - filetime);
  if (ticks > kMaxTicks || ticks < -kMaxTicks) return false;
  out.time = SysNanos{Nanoseconds{ticks * 100}};
  out.digits = 7;
  out.leap_second = false;
  return true;
}

bool systemtime_to_civil(const SystemTime& st, bool utc, CivilTime& out) noexcept {
  if (st.month < 1 || st.month > 12 || st.day < 1 || st.day > days_in_month(st.year, st.month) ||
      st.hour > 23 || st.minute > 59 || st.second > 59 || st.milliseconds > 999) {
    return false;
  }
  out = CivilTime{};
  out.year = st.year;
  out.has_year = true;
  out.month = st.month;
  out.day = st.day;
  out.hour = st.hour;
  out.minute = st.minute;
  out.second = st.second;
  out.nanos = static_cast<std::uint32_t>(st.milliseconds) * 1'000'000;
  out.digits = 3;
  out.has_offset = utc;
  return true;
}

bool systemtime_bytes_to_civil(std::string_view bytes, bool utc, CivilTime& out) noexcept {
  if (bytes.size() != 16) return false;
  std::uint16_t f[8];
  for (std::size_t i = 0; i < 8; ++i) {
    f[i] = static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[2 * i]) |
                                      static_cast<unsigned char>(bytes[2 * i + 1]) << 8);
  }
  return systemtime_to_civil({f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]}, utc, out);
}

std::size_t parse_system_time_attribute(std::string_view s, CivilTime& out) noexcept {
  constexpr std::string_view kName = "SystemTime=";
  if (s.substr(0, kName.size()) != kName || s.size() <= kName.size()) return 0;
  const char quote = s[kName.size()];
  if (quote != '\'' && quote != '"') return 0;
  const std::size_t start = kName.size() + 1;
  const std::size_t used = parse_rfc3339(s.substr(start), out);
  if (used == 0 || start + used >= s.size() || s[start + used] != quote) return 0;
  return start + used + 1;
}

std::size_t parse_eventviewer_us_time(std::string_view s, CivilTime& out) noexcept {
  std::size_t pos = 0;
  if (!read_date_fields(s, pos, '/', out.month, out.day, out) || !read_hms(s, pos, out) ||
      !read_char(s, pos, ' ') || pos + 2 > s.size() || s[pos + 1] != 'M') {
    return 0;
  }
  if (out.hour < 1 || out.hour > 12) return 0;
  if (s[pos] == 'A') {
    if (out.hour == 12) out.hour = 0;  // 12:xx AM is just after midnight
  } else if (s[pos] == 'P') {
    if (out.hour != 12) out.hour += 12;
  } else {
    return 0;
  }
  pos += 2;
  return finish_local(out) && ends_cleanly(s, pos) ? pos : 0;
}

std::size_t parse_eventviewer_day_first_time(std::string_view s, CivilTime& out) noexcept {
  std::size_t pos = 0;
  if (!read_date_fields(s, pos, '.', out.day, out.month, out) || !read_hms(s, pos, out)) return 0;
  return finish_local(out) && ends_cleanly(s, pos) ? pos : 0;
}

std::size_t parse_dotnet_json_date(std::string_view s, UtcTime& out) noexcept {
  std::size_t pos = 0;
  const bool escaped = read_char(s, pos, '\\');
  constexpr std::string_view kOpen = "/Date(";
  if (s.substr(pos, kOpen.size()) != kOpen) return 0;
  pos += kOpen.size();
  const bool negative = read_char(s, pos, '-');
  std::int64_t ms = 0;
  std::size_t digits = 0;
  // Up to 15 digits: about 31,000 years of milliseconds, far inside SysNanos' range check below.
  while (pos < s.size() && is_digit(s[pos]) && digits < 15) {
    ms = ms * 10 + (s[pos] - '0');
    ++pos;
    ++digits;
  }
  if (digits == 0 || (pos < s.size() && is_digit(s[pos]))) return 0;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    ++pos;
    unsigned hhmm = 0;
    if (!read_fixed(s, pos, 4, hhmm) || hhmm / 100 > 23 || hhmm % 100 > 59) return 0;
  }
  if (!read_char(s, pos, ')') || (escaped && !read_char(s, pos, '\\')) || !read_char(s, pos, '/')) {
    return 0;
  }
  constexpr std::int64_t kMaxMs = std::numeric_limits<std::int64_t>::max() / 1'000'000;
  if (ms > kMaxMs) return 0;
  out.time = SysNanos{Nanoseconds{(negative ? -ms : ms) * 1'000'000}};
  out.digits = 3;
  out.leap_second = false;
  return pos;
}

}  // namespace horolog
