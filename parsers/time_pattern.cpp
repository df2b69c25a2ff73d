// strptime-style matching over string_view, with the fractional seconds strptime lacks.
#include "parsers/time_pattern.h"

#include <chrono>
#include <stdexcept>

#include "normalizer/timestamp_formats.h"

namespace horolog {
namespace {

constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";

// Reads between `min` and `max` digits.
bool read_number(std::string_view text, std::size_t& i, std::size_t min, std::size_t max,
                 long long& out) noexcept {
  const std::size_t begin = i;
  out = 0;
  while (i < text.size() && i - begin < max && text[i] >= '0' && text[i] <= '9') {
    out = out * 10 + (text[i] - '0');
    ++i;
  }
  return i - begin >= min;
}

bool read_fraction(std::string_view text, std::size_t& i, CivilTime& out) noexcept {
  const std::size_t begin = i;
  long long value = 0;
  if (!read_number(text, i, 1, 9, value)) return false;
  out.digits = static_cast<std::uint8_t>(i - begin);
  for (std::size_t d = out.digits; d < 9; ++d) value *= 10;
  out.nanos = static_cast<std::uint32_t>(value);
  return true;
}

bool read_offset(std::string_view text, std::size_t& i, CivilTime& out) noexcept {
  if (i < text.size() && text[i] == 'Z') {
    ++i;
    out.has_offset = true;
    out.offset_seconds = 0;
    return true;
  }
  if (i >= text.size() || (text[i] != '+' && text[i] != '-')) return false;
  const int sign = text[i] == '-' ? -1 : 1;
  ++i;
  long long hours = 0;
  long long minutes = 0;
  if (!read_number(text, i, 2, 2, hours)) return false;
  if (i < text.size() && text[i] == ':') ++i;
  if (!read_number(text, i, 2, 2, minutes) || hours > 23 || minutes > 59) return false;
  out.has_offset = true;
  out.offset_seconds = sign * static_cast<std::int32_t>(hours * 3600 + minutes * 60);
  return true;
}

// Seconds since the epoch become a UTC civil time, so one resolver path handles every source.
bool read_epoch(std::string_view text, std::size_t& i, CivilTime& out) noexcept {
  long long seconds = 0;
  if (!read_number(text, i, 1, 12, seconds)) return false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!read_fraction(text, i, out)) return false;
  }
  using namespace std::chrono;
  const sys_seconds t{std::chrono::seconds{seconds}};
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  out.year = static_cast<int>(ymd.year());
  out.has_year = true;
  out.month = static_cast<unsigned>(ymd.month());
  out.day = static_cast<unsigned>(ymd.day());
  out.hour = static_cast<unsigned>(hms.hours().count());
  out.minute = static_cast<unsigned>(hms.minutes().count());
  out.second = static_cast<unsigned>(hms.seconds().count());
  out.has_offset = true;
  out.offset_seconds = 0;
  return true;
}

std::string expand(std::string_view format) {
  std::string out;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '%' && i + 1 < format.size()) {
      const char c = format[++i];
      if (c == 'T') {
        out += "%H:%M:%S";
        continue;
      }
      if (c == 'F') {
        out += "%Y-%m-%d";
        continue;
      }
      if (std::string_view("YymdeHMSfzbs%").find(c) == std::string_view::npos) {
        throw std::invalid_argument("time_format '" + std::string(format) +
                                    "': unsupported conversion %" + std::string(1, c));
      }
      out += '%';
      out += c;
      continue;
    }
    if (format[i] == '%') throw std::invalid_argument("time_format ends with a lone %");
    out += format[i];
  }
  return out;
}

}  // namespace

TimePattern::TimePattern(std::string_view format) : format_(expand(format)) {}

bool TimePattern::match(std::string_view text, CivilTime& out) const noexcept {
  out = CivilTime{};
  std::size_t i = 0;
  long long n = 0;
  for (std::size_t f = 0; f < format_.size(); ++f) {
    const char c = format_[f];
    if (c == ' ') {
      if (i >= text.size() || text[i] != ' ') return false;
      while (i < text.size() && text[i] == ' ') ++i;
      continue;
    }
    if (c != '%') {
      if (i >= text.size() || text[i] != c) return false;
      ++i;
      continue;
    }
    switch (format_[++f]) {
      case 'Y':
        if (!read_number(text, i, 4, 4, n)) return false;
        out.year = static_cast<int>(n);
        out.has_year = true;
        break;
      case 'y':
        if (!read_number(text, i, 2, 2, n)) return false;
        out.year = static_cast<int>(n < 69 ? 2000 + n : 1900 + n);  // POSIX pivot
        out.has_year = true;
        break;
      case 'm':
        if (!read_number(text, i, 1, 2, n)) return false;
        out.month = static_cast<unsigned>(n);
        break;
      case 'e':
        if (i < text.size() && text[i] == ' ') ++i;
        [[fallthrough]];
      case 'd':
        if (!read_number(text, i, 1, 2, n)) return false;
        out.day = static_cast<unsigned>(n);
        break;
      case 'H':
        if (!read_number(text, i, 1, 2, n)) return false;
        out.hour = static_cast<unsigned>(n);
        break;
      case 'M':
        if (!read_number(text, i, 2, 2, n)) return false;
        out.minute = static_cast<unsigned>(n);
        break;
      case 'S':
        if (!read_number(text, i, 2, 2, n)) return false;
        out.second = static_cast<unsigned>(n);
        break;
      case 'f':
        if (!read_fraction(text, i, out)) return false;
        break;
      case 'z':
        if (!read_offset(text, i, out)) return false;
        break;
      case 'b': {
        if (i + 3 > text.size()) return false;
        const std::size_t m = kMonths.find(text.substr(i, 3));
        if (m == std::string_view::npos || m % 3 != 0) return false;
        out.month = static_cast<unsigned>(m / 3 + 1);
        i += 3;
        break;
      }
      case 's':
        if (!read_epoch(text, i, out)) return false;
        break;
      case '%':
        if (i >= text.size() || text[i] != '%') return false;
        ++i;
        break;
      default: return false;
    }
  }
  return i == text.size();
}

bool match_time(const std::vector<TimePattern>& patterns, std::string_view text,
                CivilTime& out) noexcept {
  for (const TimePattern& p : patterns) {
    if (p.match(text, out)) return true;
  }
  out = CivilTime{};
  return !text.empty() && parse_rfc3339(text, out) == text.size();
}

}  // namespace horolog
