// CRC-32 (IEEE 802.3, the zlib polynomial) as EVTX uses it for its file header, chunk headers
// and event-record areas.
#pragma once

#include <cstdint>

#include "parsers/winevent/byte_cursor.h"

namespace horolog::winevent {

// Continues `crc` (0 to start) over `data`; chain calls to checksum non-contiguous ranges.
std::uint32_t crc32(Bytes data, std::uint32_t crc = 0) noexcept;

}  // namespace horolog::winevent
