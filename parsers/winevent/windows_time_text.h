// Windows time values as the text Windows renders in event XML: FILETIME as
// `YYYY-MM-DDThh:mm:ss.fffffffZ`, SYSTEMTIME as `YYYY-MM-DDThh:mm:ss.mmmZ`. Integer arithmetic;
// every FILETIME (years 1601..30828) has a text, even those outside SysNanos.
#pragma once

#include <cstddef>
#include <cstdint>

#include "normalizer/windows_time.h"

namespace horolog::winevent {

// Longest text written by the functions below ("30828-09-14T02:48:05.4775807Z" and margin).
inline constexpr std::size_t kWindowsTimeMaxLength = 32;

// Writes into `out` (kWindowsTimeMaxLength bytes); returns the length.
std::size_t format_filetime(std::uint64_t filetime, char* out) noexcept;

// Fields are written as stored (each reduced to its width), even when out of range: the text
// shows what the record holds.
std::size_t format_systemtime(const SystemTime& time, char* out) noexcept;

}  // namespace horolog::winevent
