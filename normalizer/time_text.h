// Character-level readers shared by the timestamp-shape parsers: digits, month names, fractions
// and calendar limits. Each reads at `pos`, advances it on success and never allocates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace horolog::time_text {

inline constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Exactly `width` digits.
inline bool read_fixed(std::string_view s, std::size_t& pos, int width, unsigned& value) noexcept {
  if (pos + static_cast<std::size_t>(width) > s.size()) return false;
  unsigned v = 0;
  for (int i = 0; i < width; ++i) {
    const char c = s[pos + static_cast<std::size_t>(i)];
    if (!is_digit(c)) return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  value = v;
  pos += static_cast<std::size_t>(width);
  return true;
}

// Between `min_width` and `max_width` digits, as many as there are.
inline bool read_between(std::string_view s, std::size_t& pos, int min_width, int max_width,
                         unsigned& value) noexcept {
  unsigned v = 0;
  int n = 0;
  while (n < max_width && pos + static_cast<std::size_t>(n) < s.size() &&
         is_digit(s[pos + static_cast<std::size_t>(n)])) {
    v = v * 10 + static_cast<unsigned>(s[pos + static_cast<std::size_t>(n)] - '0');
    ++n;
  }
  if (n < min_width) return false;
  value = v;
  pos += static_cast<std::size_t>(n);
  return true;
}

inline bool read_char(std::string_view s, std::size_t& pos, char c) noexcept {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

// The fraction digits after the separator (already consumed) as nanoseconds. Digits beyond the
// ninth are read and dropped, never rounded (rounding could carry into the next second, even the
// next year), and `truncated` says so; `digits` is then 9. False when there is no digit.
inline bool read_fraction(std::string_view s, std::size_t& pos, std::uint32_t& nanos,
                          std::uint8_t& digits, bool& truncated) noexcept {
  std::uint32_t v = 0;
  std::size_t n = 0;
  while (pos + n < s.size() && is_digit(s[pos + n])) {
    if (n < 9) v = v * 10 + static_cast<std::uint32_t>(s[pos + n] - '0');
    ++n;
  }
  if (n == 0) return false;
  static constexpr std::uint32_t kScale[] = {1,     100000000, 10000000, 1000000, 100000,
                                             10000, 1000,      100,      10,      1};
  truncated = n > 9;
  digits = static_cast<std::uint8_t>(truncated ? 9 : n);
  nanos = v * kScale[digits];
  pos += n;
  return true;
}

// English three-letter month abbreviation, any letter case; 1..12.
inline bool read_month_abbrev(std::string_view s, std::size_t& pos, unsigned& month) noexcept {
  static constexpr std::string_view kNames = "janfebmaraprmayjunjulaugsepoctnovdec";
  if (pos + 3 > s.size()) return false;
  char lower[3];
  for (int i = 0; i < 3; ++i)
    lower[i] = static_cast<char>(s[pos + static_cast<std::size_t>(i)] | 0x20);
  for (std::size_t m = 0; m < 12; ++m) {
    if (kNames[m * 3] == lower[0] && kNames[m * 3 + 1] == lower[1] &&
        kNames[m * 3 + 2] == lower[2]) {
      month = static_cast<unsigned>(m) + 1;
      pos += 3;
      return true;
    }
  }
  return false;
}

// The largest day a month can have in any year (Feb 29 allowed): for year-less stamps.
inline constexpr unsigned max_day_any_year(unsigned month) noexcept {
  constexpr unsigned kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month >= 1 && month <= 12 ? kDays[month - 1] : 0;
}

inline constexpr bool is_leap_year(int year) noexcept {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

inline constexpr unsigned days_in_month(int year, unsigned month) noexcept {
  return month == 2 ? (is_leap_year(year) ? 29u : 28u) : max_day_any_year(month);
}

// A stamp must not run straight into more digits ("12:00:001" is not a time).
inline bool ends_cleanly(std::string_view s, std::size_t pos) noexcept {
  return pos >= s.size() || !is_digit(s[pos]);
}

}  // namespace horolog::time_text
