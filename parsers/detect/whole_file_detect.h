// Format `auto` for files read whole: recognises Windows event files (EVTX, XML, JSON and CSV
// exports) by their first bytes, before any line is parsed.
#pragma once

#include <cstddef>
#include <string_view>

namespace horolog {

// How many leading bytes of a file detect_whole_file_format() wants to see.
inline constexpr std::size_t kWholeFileDetectBytes = 64 * 1024;

// The whole-file format name (`evtx`, `winevent-xml`, `winevent-json`, `winevent-csv`) that the
// start of a file shows (a static string), or empty for a line format (which per-record
// detection then finds).
std::string_view detect_whole_file_format(std::string_view head) noexcept;

}  // namespace horolog
