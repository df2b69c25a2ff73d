// Rendering follows what Windows writes into an event's XML: decimal integers, 0x-prefixed hex
// without padding, {GUID} in upper case, S-1-... SIDs, ISO 8601 UTC times, upper-case hex binary.
#include "parsers/winevent/binxml_values.h"

#include <charconv>
#include <cstring>

#include "parsers/winevent/utf16.h"
#include "parsers/winevent/windows_time_text.h"

namespace horolog::winevent {
namespace {

constexpr std::size_t kScratch = 96;  // longest scalar text (a SID needs the most)
constexpr char kHex[] = "0123456789ABCDEF";
constexpr char kHexLower[] = "0123456789abcdef";

// Size of one element of a fixed-size type; 0 for variable-size types.
std::size_t element_size(std::uint8_t type, std::size_t total) noexcept {
  switch (type) {
    case kInt8:
    case kUInt8: return 1;
    case kInt16:
    case kUInt16: return 2;
    case kInt32:
    case kUInt32:
    case kReal32:
    case kHexInt32: return 4;
    case kBool: return total == 1 || total == 2 ? total : 4;
    case kInt64:
    case kUInt64:
    case kReal64:
    case kFiletime:
    case kHexInt64: return 8;
    case kSizeT: return total % 8 == 0 ? 8 : 4;
    case kGuid:
    case kSystemtime: return 16;
    default: return 0;
  }
}

// The first min(size, 8) bytes as an integer (GUID and SYSTEMTIME are read field by field).
std::uint64_t load_le(const std::uint8_t* p, std::size_t size) noexcept {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < size && i < 8; ++i) v |= static_cast<std::uint64_t>(p[i]) << (8 * i);
  return v;
}

std::int64_t sign_extend(std::uint64_t v, std::size_t size) noexcept {
  const unsigned shift = static_cast<unsigned>(64 - 8 * size);
  return static_cast<std::int64_t>(v << shift) >> shift;
}

std::size_t put_hex(char* out, std::uint64_t v) noexcept {
  out[0] = '0';
  out[1] = 'x';
  char digits[16];
  int n = 0;
  do {
    digits[n++] = kHexLower[v & 0xF];
    v >>= 4;
  } while (v != 0);
  for (int i = 0; i < n; ++i) out[2 + i] = digits[n - 1 - i];
  return 2 + static_cast<std::size_t>(n);
}

std::size_t put_guid(char* out, const std::uint8_t* p) noexcept {
  // Data1, Data2 and Data3 are little-endian integers; Data4 is a byte string.
  const std::uint8_t order[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
  std::size_t o = 0;
  out[o++] = '{';
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out[o++] = '-';
    out[o++] = kHex[p[order[i]] >> 4];
    out[o++] = kHex[p[order[i]] & 0xF];
  }
  out[o++] = '}';
  return o;
}

// A SID at the start of `data`: "S-1-5-21-...". Sets `used` to its size; 0 when malformed.
std::size_t put_sid(char* out, Bytes data, std::size_t& used) noexcept {
  used = 0;
  if (data.size() < 8) return 0;
  const unsigned count = data[1];
  if (count > 15 || data.size() < 8 + 4u * count) return 0;
  std::uint64_t authority = 0;
  for (int i = 2; i < 8; ++i) authority = (authority << 8) | data[static_cast<std::size_t>(i)];
  char* p = out;
  *p++ = 'S';
  *p++ = '-';
  p = std::to_chars(p, out + kScratch, static_cast<unsigned>(data[0])).ptr;
  *p++ = '-';
  p = std::to_chars(p, out + kScratch, authority).ptr;
  for (unsigned i = 0; i < count; ++i) {
    *p++ = '-';
    p = std::to_chars(p, out + kScratch, load_u32(&data[8 + 4 * i])).ptr;
  }
  used = 8 + 4u * count;
  return static_cast<std::size_t>(p - out);
}

// One element of a fixed-size type (element_size(type) bytes at `p`).
std::size_t put_scalar(std::uint8_t type, const std::uint8_t* p, std::size_t size, char* out,
                       RenderedValue& value) noexcept {
  char* const end = out + kScratch;
  const std::uint64_t bits = load_le(p, size);
  switch (type) {
    case kInt8:
    case kInt16:
    case kInt32:
    case kInt64: {
      const std::int64_t v = sign_extend(bits, size);
      value.raw_kind = RawKind::signed_integer;
      value.raw = static_cast<std::uint64_t>(v);
      return static_cast<std::size_t>(std::to_chars(out, end, v).ptr - out);
    }
    case kUInt8:
    case kUInt16:
    case kUInt32:
    case kUInt64:
      value.raw_kind = RawKind::unsigned_integer;
      value.raw = bits;
      return static_cast<std::size_t>(std::to_chars(out, end, bits).ptr - out);
    case kReal32: {
      float f;
      const auto b32 = static_cast<std::uint32_t>(bits);
      std::memcpy(&f, &b32, sizeof f);
      return static_cast<std::size_t>(std::to_chars(out, end, f).ptr - out);
    }
    case kReal64: {
      double d;
      std::memcpy(&d, &bits, sizeof d);
      return static_cast<std::size_t>(std::to_chars(out, end, d).ptr - out);
    }
    case kBool:
      // Some writers store values other than 0/1: any non-zero value is true, as Windows reads it.
      std::memcpy(out, bits != 0 ? "true" : "false", bits != 0 ? 4 : 5);
      return bits != 0 ? 4 : 5;
    case kHexInt32:
    case kHexInt64:
    case kSizeT:
      value.raw_kind = RawKind::unsigned_integer;
      value.raw = bits;
      return put_hex(out, bits);
    case kFiletime:
      value.raw_kind = RawKind::filetime;
      value.raw = bits;
      return format_filetime(bits, out);
    case kGuid: return put_guid(out, p);
    case kSystemtime: {
      SystemTime t{};
      t.year = load_u16(p);
      t.month = load_u16(p + 2);
      t.day_of_week = load_u16(p + 4);
      t.day = load_u16(p + 6);
      t.hour = load_u16(p + 8);
      t.minute = load_u16(p + 10);
      t.second = load_u16(p + 12);
      t.milliseconds = load_u16(p + 14);
      return format_systemtime(t, out);
    }
    default: return 0;
  }
}

std::string_view hex_bytes(Bytes data, StringArena& arena) noexcept {
  if (data.empty()) return {};
  char* out = arena.allocate(2 * data.size());
  for (std::size_t i = 0; i < data.size(); ++i) {
    out[2 * i] = kHex[data[i] >> 4];
    out[2 * i + 1] = kHex[data[i] & 0xF];
  }
  return {out, 2 * data.size()};
}

// Windows-1252 text: ASCII as is, other bytes taken as Latin-1 (close enough to stay readable
// and always valid UTF-8).
std::string_view ansi_to_utf8(Bytes data, StringArena& arena) noexcept {
  while (!data.empty() && data.back() == 0) data = data.first(data.size() - 1);
  std::size_t size = 0;
  for (const std::uint8_t b : data) size += b < 0x80 ? 1 : 2;
  if (size == 0) return {};
  char* out = arena.allocate(size);
  std::size_t o = 0;
  for (const std::uint8_t b : data) {
    if (b < 0x80) {
      out[o++] = static_cast<char>(b);
    } else {
      out[o++] = static_cast<char>(0xC0 | (b >> 6));
      out[o++] = static_cast<char>(0x80 | (b & 0x3F));
    }
  }
  return {out, o};
}

// Calls `emit(text)` for each element of an array value.
template <class Emit>
void for_each_element(std::uint8_t type, Bytes data, StringArena& arena, Emit&& emit) noexcept {
  char scratch[kScratch];
  if (type == kString) {
    // NUL-separated UTF-16 strings.
    std::size_t start = 0;
    const std::size_t units = data.size() / 2;
    for (std::size_t i = 0; i <= units; ++i) {
      if (i == units || load_u16(&data[2 * i]) == 0) {
        if (i > start || i < units) emit(utf16le_to_utf8(&data[2 * start], i - start, arena));
        start = i + 1;
      }
    }
  } else if (type == kSid) {
    Bytes rest = data;
    std::size_t used = 0;
    while (!rest.empty()) {
      const std::size_t n = put_sid(scratch, rest, used);
      if (used == 0) break;
      emit(std::string_view(scratch, n));
      rest = rest.subspan(used);
    }
  } else if (const std::size_t size = element_size(type, data.size()); size != 0) {
    for (std::size_t at = 0; at + size <= data.size(); at += size) {
      RenderedValue ignored;
      emit(std::string_view(scratch, put_scalar(type, &data[at], size, scratch, ignored)));
    }
  } else {
    emit(hex_bytes(data, arena));
  }
}

std::string_view render_array(std::uint8_t type, Bytes data, StringArena& arena) noexcept {
  std::size_t total = 0;
  std::size_t count = 0;
  // Strings are converted once into the arena and then joined; scalars are rendered twice
  // (measure, write) so no scratch storage is needed.
  for_each_element(type, data, arena, [&](std::string_view text) {
    total += text.size();
    ++count;
  });
  if (count == 0) return {};
  const std::size_t size = total + 2 * (count - 1);
  char* out = arena.allocate(size);
  std::size_t o = 0;
  for_each_element(type, data, arena, [&](std::string_view text) {
    if (o != 0 && o + 2 <= size) {
      out[o++] = ',';
      out[o++] = ' ';
    }
    const std::size_t n = text.size() <= size - o ? text.size() : size - o;
    if (n != 0) std::memcpy(out + o, text.data(), n);
    o += n;
  });
  return {out, o};
}

}  // namespace

RenderedValue render_value(std::uint8_t type, Bytes data, StringArena& arena) noexcept {
  RenderedValue value;
  if (type & kArrayFlag) {
    value.text = render_array(static_cast<std::uint8_t>(type & ~kArrayFlag), data, arena);
    return value;
  }
  switch (type) {
    case kNull:
    case kBinXml:
    case kEvtHandle:
    case kEvtXml: return value;
    case kString: value.text = utf16le_to_utf8(data.data(), data.size() / 2, arena); return value;
    case kAnsiString: value.text = ansi_to_utf8(data, arena); return value;
    case kBinary: value.text = hex_bytes(data, arena); return value;
    case kSid: {
      char scratch[kScratch];
      std::size_t used = 0;
      const std::size_t n = put_sid(scratch, data, used);
      value.text = used != 0 ? arena.copy({scratch, n}) : hex_bytes(data, arena);
      return value;
    }
    default: break;
  }
  const std::size_t size = element_size(type, data.size());
  if (size == 0 || data.size() < size) {
    value.text = hex_bytes(data, arena);
    return value;
  }
  char scratch[kScratch];
  value.text = arena.copy({scratch, put_scalar(type, data.data(), size, scratch, value)});
  return value;
}

}  // namespace horolog::winevent
