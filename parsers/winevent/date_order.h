// The order of day and month in Event Viewer CSV dates, which depends on the exporting
// machine's regional format and is not written in the file.
#pragma once

#include <cstdint>

namespace horolog::winevent {

enum class DateOrder : std::uint8_t {
  auto_detect,  // from the file: `.` dates are day first; `/` with AM/PM month first; else any
                // row with a first number above 12 decides
  mdy,          // 11/26/2026 (en-US)
  dmy,          // 26.11.2026, 26/11/2026 (most other regions)
};

}  // namespace horolog::winevent
