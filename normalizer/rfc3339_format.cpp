// Civil-from-days (Howard Hinnant's algorithm) and fixed-width digit writing for RFC 3339 output.
#include "normalizer/rfc3339_format.h"

#include <date/date.h>

#include <cstring>

namespace horolog {

namespace {

// "00" to "99": two digits per table lookup instead of a division per digit.
constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

char* put_pair(char* out, unsigned value) noexcept {
  std::memcpy(out, kDigitPairs + 2 * std::size_t{value}, 2);
  return out + 2;
}

char* put_digits(char* out, std::uint64_t value, int width) noexcept {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

// Splits at whole seconds (floor, also before 1970) in integers: going through floor<days> and
// back to nanoseconds overflows near the ends of the SysNanos range (1677, 2262).
void split(SysNanos time, std::int64_t& seconds, std::uint32_t& nanos) noexcept {
  const std::int64_t count = time.time_since_epoch().count();
  seconds = count / 1'000'000'000;
  std::int64_t sub = count % 1'000'000'000;
  if (sub < 0) {
    sub += 1'000'000'000;
    --seconds;
  }
  nanos = static_cast<std::uint32_t>(sub);
}

// "YYYY-MM-DDTHH:MM:SS" (a sign and a fifth year digit where needed).
std::size_t write_date_time(std::int64_t all_seconds, char* out) noexcept {
  std::int64_t day_number = all_seconds / 86'400;
  std::int64_t seconds = all_seconds % 86'400;
  if (seconds < 0) {
    seconds += 86'400;
    --day_number;
  }
  const date::year_month_day ymd{date::sys_days{date::days{day_number}}};
  char* p = out;
  int year = static_cast<int>(ymd.year());
  if (year < 0) {
    *p++ = '-';
    year = -year;
  }
  p = put_digits(p, static_cast<std::uint64_t>(year), year > 9999 ? 5 : 4);
  *p++ = '-';
  p = put_pair(p, static_cast<unsigned>(ymd.month()));
  *p++ = '-';
  p = put_pair(p, static_cast<unsigned>(ymd.day()));
  *p++ = 'T';
  const auto of_day = static_cast<unsigned>(seconds);
  p = put_pair(p, of_day / 3600);
  *p++ = ':';
  p = put_pair(p, of_day / 60 % 60);
  *p++ = ':';
  p = put_pair(p, of_day % 60);
  return static_cast<std::size_t>(p - out);
}

// ".fff…Z" with exactly `digits` (0..9) digits, or just "Z".
std::size_t write_fraction(std::uint32_t nanos, unsigned digits, char* out) noexcept {
  char* p = out;
  if (digits > 0) {
    static constexpr std::uint32_t kDivisor[] = {1000000000, 100000000, 10000000, 1000000, 100000,
                                                 10000,      1000,      100,      10,      1};
    *p++ = '.';
    p = put_digits(p, nanos / kDivisor[digits], static_cast<int>(digits));
  }
  *p++ = 'Z';
  return static_cast<std::size_t>(p - out);
}

}  // namespace

std::size_t format_rfc3339_utc(SysNanos time, unsigned digits, char* out) noexcept {
  if (digits > 9) digits = 9;
  std::int64_t seconds = 0;
  std::uint32_t nanos = 0;
  split(time, seconds, nanos);
  const std::size_t length = write_date_time(seconds, out);
  return length + write_fraction(nanos, digits, out + length);
}

void append_rfc3339_utc(std::string& out, SysNanos time, unsigned digits) {
  char buffer[kRfc3339MaxLength];
  out.append(buffer, format_rfc3339_utc(time, digits, buffer));
}

std::size_t Rfc3339Formatter::format(SysNanos time, unsigned digits, char* out) noexcept {
  if (digits > 9) digits = 9;
  std::int64_t seconds = 0;
  std::uint32_t nanos = 0;
  split(time, seconds, nanos);
  if (prefix_length_ == 0 || seconds != second_) {
    prefix_length_ = write_date_time(seconds, prefix_);
    second_ = seconds;
  }
  std::memcpy(out, prefix_, prefix_length_);
  return prefix_length_ + write_fraction(nanos, digits, out + prefix_length_);
}

}  // namespace horolog
