// Recognises writes to the Windows Time service's registry values (its sync type, servers,
// phase-correction limits, providers, start mode, failure command) and judges the new value.
#pragma once

#include <string_view>

#include "parsers/winevent/clock_verdict.h"

namespace horolog::winevent {

// `key` is the registry key (under any root: \REGISTRY\MACHINE\SYSTEM\ControlSet001,
// HKLM\System\CurrentControlSet, ...) and `value_name` the value under it; Sysmon's TargetObject,
// which ends in the value name, is passed whole as `key` with an empty `value_name`. `new_value` is
// the data written as the event renders it (`NoSync`, `4`, `0x4`, `DWORD (0x00000004)`), empty
// when not given. nullptr when the value is none of the service's watched ones.
const ClockVerdict* judge_w32time_write(std::string_view key, std::string_view value_name,
                                        std::string_view new_value) noexcept;

}  // namespace horolog::winevent
