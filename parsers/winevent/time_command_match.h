// Recognises command lines that set the clock or reconfigure, stop or disable the time service
// (w32tm, Set-Date, cmd's date/time, sc, net stop, reg add, timedatectl, date -s, hwclock).
// Words are matched whole and without regard to case, so `update` is not `date`.
#pragma once

#include <string_view>

#include "parsers/winevent/clock_verdict.h"

namespace horolog::winevent {

// The verdict of the first pattern the command line matches, or nullptr.
const ClockVerdict* match_time_command(std::string_view command_line) noexcept;

}  // namespace horolog::winevent
