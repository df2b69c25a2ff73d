// MJD + seconds-past-midnight to a UTC instant with integer arithmetic only (the fraction is
// read as digits, never through a double).
#include "normalizer/ntp_time.h"

#include "normalizer/time_text.h"

namespace horolog {

using namespace time_text;

std::size_t parse_mjd_time(std::string_view s, UtcTime& out) noexcept {
  std::size_t pos = 0;
  unsigned mjd = 0;
  // Five digits cover 1858-11-17 .. 2132-08-31; six allow far dates without overflow.
  if (!read_between(s, pos, 1, 6, mjd) || pos >= s.size() || s[pos] != ' ') return 0;
  while (pos < s.size() && s[pos] == ' ') ++pos;
  unsigned seconds = 0;
  if (!read_between(s, pos, 1, 5, seconds) || seconds > 86400) return 0;
  std::uint32_t nanos = 0;
  std::uint8_t digits = 0;
  bool truncated = false;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    if (pos < s.size() && is_digit(s[pos]) && !read_fraction(s, pos, nanos, digits, truncated)) {
      return 0;
    }
  }
  if (!ends_cleanly(s, pos)) return 0;
  // Nanoseconds since 1970 in 64 bits end in 2262 (MJD 147337): later days cannot be held.
  if (mjd > kMjdUnixEpoch + 106'750) return 0;
  out.leap_second = seconds == 86400;
  std::int64_t day_nanos = static_cast<std::int64_t>(seconds) * 1'000'000'000 + nanos;
  if (out.leap_second) day_nanos = 86'400'000'000'000 - 1;
  const std::int64_t days = static_cast<std::int64_t>(mjd) - kMjdUnixEpoch;
  out.time = SysNanos{Nanoseconds{days * 86'400'000'000'000 + day_nanos}};
  out.digits = digits;
  out.precision_truncated = truncated;
  return pos;
}

}  // namespace horolog
