// Epoch numbers to instants: the integer and fraction parts are scaled separately in integers,
// so `1700000000.123456789` is exact where a double would round.
#include "normalizer/epoch_time.h"

#include <limits>

#include "normalizer/time_text.h"

namespace horolog {

using time_text::is_digit;

std::size_t parse_epoch(std::string_view s, EpochUnit unit, UtcTime& out) noexcept {
  std::size_t pos = 0;
  const bool negative = time_text::read_char(s, pos, '-');
  std::uint64_t whole = 0;
  int whole_digits = 0;
  while (pos < s.size() && is_digit(s[pos])) {
    if (whole_digits == 19) return 0;
    whole = whole * 10 + static_cast<std::uint64_t>(s[pos] - '0');
    ++whole_digits;
    ++pos;
  }
  if (whole_digits == 0) return 0;
  if (unit == EpochUnit::automatic) {
    unit = whole_digits <= 10   ? EpochUnit::seconds
           : whole_digits <= 13 ? EpochUnit::milliseconds
           : whole_digits <= 16 ? EpochUnit::microseconds
                                : EpochUnit::nanoseconds;
  }
  static constexpr int kUnitDigits[] = {0, 3, 6, 9};
  const int unit_digits = kUnitDigits[static_cast<int>(unit)];
  // The fraction of the unit, as nanoseconds: at most 9 - unit_digits digits are meaningful.
  std::uint64_t fraction = 0;
  int fraction_digits = 0;
  bool truncated = false;
  if (pos + 1 < s.size() && s[pos] == '.' && is_digit(s[pos + 1])) {
    ++pos;
    for (; pos < s.size() && is_digit(s[pos]); ++pos) {
      if (unit_digits + fraction_digits == 9) {
        truncated = true;  // below a nanosecond: cut, not rounded
        continue;
      }
      fraction = fraction * 10 + static_cast<std::uint64_t>(s[pos] - '0');
      ++fraction_digits;
    }
  }
  if (!time_text::ends_cleanly(s, pos)) return 0;
  std::uint64_t scale = 1;  // nanoseconds per unit
  for (int i = unit_digits; i < 9; ++i) scale *= 10;
  std::uint64_t fraction_ns = fraction;
  for (int i = unit_digits + fraction_digits; i < 9; ++i) fraction_ns *= 10;
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (whole > (kMax - fraction_ns) / scale) return 0;
  const auto magnitude = static_cast<std::int64_t>(whole * scale + fraction_ns);
  out.time = SysNanos{Nanoseconds{negative ? -magnitude : magnitude}};
  out.digits = static_cast<std::uint8_t>(unit_digits + fraction_digits);
  out.leap_second = false;
  out.precision_truncated = truncated;
  return pos;
}

}  // namespace horolog
