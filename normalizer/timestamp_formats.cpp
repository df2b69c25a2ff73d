// The text timestamp shapes of syslog, ISO 8601, ntpd and chrony: fixed-position digit reading,
// calendar checks, no allocation.
#include "normalizer/timestamp_formats.h"

#include "normalizer/time_text.h"

namespace horolog {

using namespace time_text;

namespace {

// `hh:mm:ss[.f]` with range checks (second 60 is a leap second, checked by the resolver).
bool read_clock(std::string_view s, std::size_t& pos, CivilTime& out) noexcept {
  if (!read_fixed(s, pos, 2, out.hour) || !read_char(s, pos, ':') ||
      !read_fixed(s, pos, 2, out.minute) || !read_char(s, pos, ':') ||
      !read_fixed(s, pos, 2, out.second)) {
    return false;
  }
  if (out.hour > 23 || out.minute > 59 || out.second > 60) return false;
  out.nanos = 0;
  out.digits = 0;
  out.precision_truncated = false;
  if (pos + 1 < s.size() && (s[pos] == '.' || s[pos] == ',') && is_digit(s[pos + 1])) {
    ++pos;
    if (!read_fraction(s, pos, out.nanos, out.digits, out.precision_truncated)) return false;
  }
  return true;
}

void clear_zone(CivilTime& out) noexcept {
  out.has_offset = false;
  out.offset_seconds = 0;
  out.zone = nullptr;
}

}  // namespace

std::size_t parse_rfc3164_time(std::string_view s, CivilTime& out) noexcept {
  std::size_t pos = 0;
  if (!read_month_abbrev(s, pos, out.month) || !read_char(s, pos, ' ')) return 0;
  read_char(s, pos, ' ');  // space-padded day: `Nov  6`
  if (!read_between(s, pos, 1, 2, out.day) || !read_char(s, pos, ' ')) return 0;
  if (out.day == 0 || out.day > max_day_any_year(out.month)) return 0;
  // A year sits between the day and the time: four digits and a space (a time has a colon).
  out.has_year = false;
  if (pos + 4 < s.size() && s[pos + 4] == ' ') {
    unsigned year = 0;
    std::size_t at = pos;
    if (read_fixed(s, at, 4, year)) {
      out.year = static_cast<int>(year);
      out.has_year = true;
      pos = at + 1;
      if (out.day > days_in_month(out.year, out.month)) return 0;
    }
  }
  if (!read_clock(s, pos, out) || !ends_cleanly(s, pos)) return 0;
  clear_zone(out);
  return pos;
}

std::size_t parse_rfc3339(std::string_view s, CivilTime& out) noexcept {
  std::size_t pos = 0;
  unsigned year = 0;
  if (!read_fixed(s, pos, 4, year) || !read_char(s, pos, '-') ||
      !read_fixed(s, pos, 2, out.month) || !read_char(s, pos, '-') ||
      !read_fixed(s, pos, 2, out.day)) {
    return 0;
  }
  out.year = static_cast<int>(year);
  out.has_year = true;
  if (out.month < 1 || out.month > 12 || out.day < 1 ||
      out.day > days_in_month(out.year, out.month)) {
    return 0;
  }
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) return 0;
  ++pos;
  if (!read_clock(s, pos, out)) return 0;
  clear_zone(out);
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    out.has_offset = true;
    return pos + 1;
  }
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int sign = s[pos] == '-' ? -1 : 1;
    std::size_t at = pos + 1;
    unsigned hours = 0;
    unsigned minutes = 0;
    if (!read_fixed(s, at, 2, hours)) return 0;
    read_char(s, at, ':');
    if (!read_fixed(s, at, 2, minutes) || hours > 23 || minutes > 59) return 0;
    out.has_offset = true;
    out.offset_seconds = sign * static_cast<std::int32_t>(hours * 3600 + minutes * 60);
    pos = at;
  }
  return ends_cleanly(s, pos) ? pos : 0;
}

std::size_t parse_ntpd_log_time(std::string_view s, CivilTime& out) noexcept {
  std::size_t pos = 0;
  // ntpd writes the day with "%2d": a space, then the only digit of days 1-9.
  const bool padded = read_char(s, pos, ' ');
  if (!read_between(s, pos, 1, padded ? 1 : 2, out.day) || !read_char(s, pos, ' ') ||
      !read_month_abbrev(s, pos, out.month) || !read_char(s, pos, ' ')) {
    return 0;
  }
  if (out.day == 0 || out.day > max_day_any_year(out.month)) return 0;
  if (!read_clock(s, pos, out) || !ends_cleanly(s, pos)) return 0;
  out.has_year = false;
  clear_zone(out);
  return pos;
}

std::size_t parse_chrony_time(std::string_view s, CivilTime& out) noexcept {
  if (s.size() < 11 || s[10] != ' ') return 0;
  const std::size_t used = parse_rfc3339(s, out);
  if (used == 0 || out.has_offset) return 0;
  out.has_offset = true;  // chrony writes UTC
  return used;
}

}  // namespace horolog
