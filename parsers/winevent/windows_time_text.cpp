// Civil dates from day counts (H. Hinnant's civil_from_days), valid for every FILETIME.
#include "parsers/winevent/windows_time_text.h"

namespace horolog::winevent {
namespace {

struct Civil {
  std::int64_t year;
  unsigned month, day;
};

Civil civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

// Writes `value` as exactly `width` digits (the caller keeps values in range).
char* put_digits(char* out, std::uint64_t value, int width) noexcept {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

char* put_date_time(char* out, std::uint64_t year, unsigned month, unsigned day, unsigned hour,
                    unsigned minute, unsigned second) noexcept {
  out = put_digits(out, year, year > 9999 ? 5 : 4);
  *out++ = '-';
  out = put_digits(out, month, 2);
  *out++ = '-';
  out = put_digits(out, day, 2);
  *out++ = 'T';
  out = put_digits(out, hour, 2);
  *out++ = ':';
  out = put_digits(out, minute, 2);
  *out++ = ':';
  return put_digits(out, second, 2);
}

}  // namespace

std::size_t format_filetime(std::uint64_t filetime, char* out) noexcept {
  const std::uint64_t seconds = filetime / 10'000'000;
  const std::uint64_t fraction = filetime % 10'000'000;
  // 1601-01-01 is 134774 days before 1970-01-01.
  const Civil date = civil_from_days(static_cast<std::int64_t>(seconds / 86400) - 134774);
  const std::uint64_t in_day = seconds % 86400;
  char* p =
      put_date_time(out, static_cast<std::uint64_t>(date.year), date.month, date.day,
                    static_cast<unsigned>(in_day / 3600), static_cast<unsigned>(in_day / 60 % 60),
                    static_cast<unsigned>(in_day % 60));
  *p++ = '.';
  p = put_digits(p, fraction, 7);
  *p++ = 'Z';
  return static_cast<std::size_t>(p - out);
}

std::size_t format_systemtime(const SystemTime& time, char* out) noexcept {
  char* p = put_date_time(out, time.year, time.month % 100, time.day % 100, time.hour % 100,
                          time.minute % 100, time.second % 100);
  *p++ = '.';
  p = put_digits(p, time.milliseconds % 1000, 3);
  *p++ = 'Z';
  return static_cast<std::size_t>(p - out);
}

}  // namespace horolog::winevent
