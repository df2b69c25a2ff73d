// UTF-16LE (how Windows stores every EVTX string) to UTF-8 in the batch arena.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalizer/string_arena.h"

namespace horolog::winevent {

// Converts `units` UTF-16 code units at `data` (unaligned, little-endian). Unpaired surrogates
// become U+FFFD so the output is always valid UTF-8; trailing NULs (Windows often stores the
// terminator inside the value) are dropped. Pure ASCII costs one pass and one copy.
std::string_view utf16le_to_utf8(const std::uint8_t* data, std::size_t units,
                                 StringArena& arena) noexcept;

}  // namespace horolog::winevent
