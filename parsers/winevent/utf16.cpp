// Two passes (measure, then write) so the arena holds exactly the converted bytes.
#include "parsers/winevent/utf16.h"

namespace horolog::winevent {
namespace {

inline std::uint32_t unit_at(const std::uint8_t* data, std::size_t i) noexcept {
  return static_cast<std::uint32_t>(data[2 * i] | (data[2 * i + 1] << 8));
}

// Decodes the code point at `i` and advances past it.
inline std::uint32_t next_code_point(const std::uint8_t* data, std::size_t units,
                                     std::size_t& i) noexcept {
  const std::uint32_t u = unit_at(data, i++);
  if (u < 0xD800 || u > 0xDFFF) return u;
  if (u <= 0xDBFF && i < units) {
    const std::uint32_t low = unit_at(data, i);
    if (low >= 0xDC00 && low <= 0xDFFF) {
      ++i;
      return 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
    }
  }
  return 0xFFFD;
}

inline std::size_t utf8_length(std::uint32_t cp) noexcept {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

}  // namespace

std::string_view utf16le_to_utf8(const std::uint8_t* data, std::size_t units,
                                 StringArena& arena) noexcept {
  while (units > 0 && unit_at(data, units - 1) == 0) --units;
  if (units == 0) return {};
  std::size_t size = 0;
  bool ascii = true;
  for (std::size_t i = 0; i < units;) {
    const std::uint32_t cp = next_code_point(data, units, i);
    ascii = ascii && cp < 0x80;
    size += utf8_length(cp);
  }
  char* out = arena.allocate(size);
  if (ascii) {
    for (std::size_t i = 0; i < units; ++i) out[i] = static_cast<char>(data[2 * i]);
    return {out, size};
  }
  std::size_t o = 0;
  for (std::size_t i = 0; i < units;) {
    const std::uint32_t cp = next_code_point(data, units, i);
    if (cp < 0x80) {
      out[o++] = static_cast<char>(cp);
    } else if (cp < 0x800) {
      out[o++] = static_cast<char>(0xC0 | (cp >> 6));
      out[o++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out[o++] = static_cast<char>(0xE0 | (cp >> 12));
      out[o++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out[o++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out[o++] = static_cast<char>(0xF0 | (cp >> 18));
      out[o++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out[o++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out[o++] = static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return {out, o};
}

}  // namespace horolog::winevent
