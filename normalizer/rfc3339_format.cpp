// Civil-from-days (Howard Hinnant's algorithm) and fixed-width digit writing for RFC 3339 output.
#include "normalizer/rfc3339_format.h"

#include <date/date.h>

namespace horolog {

namespace {

char* put_digits(char* out, std::uint64_t value, int width) noexcept {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

}  // namespace

std::size_t format_rfc3339_utc(SysNanos time, unsigned digits, char* out) noexcept {
  if (digits > 9) digits = 9;
  // Split in integers: going through floor<days> and back to nanoseconds overflows near the ends
  // of the SysNanos range (1677, 2262).
  const std::int64_t count = time.time_since_epoch().count();
  std::int64_t all_seconds = count / 1'000'000'000;
  std::int64_t sub = count % 1'000'000'000;
  if (sub < 0) {
    sub += 1'000'000'000;
    --all_seconds;
  }
  std::int64_t day_number = all_seconds / 86'400;
  std::int64_t seconds = all_seconds % 86'400;
  if (seconds < 0) {
    seconds += 86'400;
    --day_number;
  }
  const date::year_month_day ymd{date::sys_days{date::days{day_number}}};
  const auto nanos = static_cast<std::uint64_t>(sub);

  char* p = out;
  int year = static_cast<int>(ymd.year());
  if (year < 0) {
    *p++ = '-';
    year = -year;
  }
  p = put_digits(p, static_cast<std::uint64_t>(year), year > 9999 ? 5 : 4);
  *p++ = '-';
  p = put_digits(p, static_cast<unsigned>(ymd.month()), 2);
  *p++ = '-';
  p = put_digits(p, static_cast<unsigned>(ymd.day()), 2);
  *p++ = 'T';
  p = put_digits(p, static_cast<std::uint64_t>(seconds / 3600), 2);
  *p++ = ':';
  p = put_digits(p, static_cast<std::uint64_t>(seconds / 60 % 60), 2);
  *p++ = ':';
  p = put_digits(p, static_cast<std::uint64_t>(seconds % 60), 2);
  if (digits > 0) {
    static constexpr std::uint64_t kDivisor[] = {1000000000, 100000000, 10000000, 1000000, 100000,
                                                 10000,      1000,      100,      10,      1};
    *p++ = '.';
    p = put_digits(p, nanos / kDivisor[digits], static_cast<int>(digits));
  }
  *p++ = 'Z';
  return static_cast<std::size_t>(p - out);
}

void append_rfc3339_utc(std::string& out, SysNanos time, unsigned digits) {
  char buffer[kRfc3339MaxLength];
  out.append(buffer, format_rfc3339_utc(time, digits, buffer));
}

}  // namespace horolog
