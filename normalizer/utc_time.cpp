// UtcTime to civil fields with date's days-from-civil inverse; exact in integers.
#include "normalizer/utc_time.h"

#include <date/date.h>

namespace horolog {

CivilTime utc_to_civil(const UtcTime& utc) noexcept {
  using namespace std::chrono;
  const auto day = floor<days>(utc.time);
  const date::year_month_day ymd{day};
  const auto in_day = utc.time - day;
  const auto secs = duration_cast<seconds>(in_day).count();
  CivilTime civil;
  civil.year = static_cast<int>(ymd.year());
  civil.has_year = true;
  civil.month = static_cast<unsigned>(ymd.month());
  civil.day = static_cast<unsigned>(ymd.day());
  civil.hour = static_cast<unsigned>(secs / 3600);
  civil.minute = static_cast<unsigned>(secs / 60 % 60);
  civil.second = static_cast<unsigned>(secs % 60);
  civil.nanos = static_cast<std::uint32_t>((in_day - seconds(secs)).count());
  civil.digits = utc.digits;
  civil.precision_truncated = utc.precision_truncated;
  civil.has_offset = true;
  civil.offset_seconds = 0;
  return civil;
}

}  // namespace horolog
