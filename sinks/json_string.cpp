// The JSON string writer: a word-at-a-time scan skips the plain ASCII that makes up most log
// text, and only bytes that need escaping or UTF-8 checking leave the fast path.
#include "sinks/json_string.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace horolog {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighBits = 0x8080808080808080ull;

constexpr std::uint64_t has_zero_byte(std::uint64_t word) noexcept {
  return (word - kOnes) & ~word & kHighBits;
}

// Nonzero when any of the 8 bytes is a control character, `"`, `\` or not ASCII. The
// below-0x20 test can also fire next to such a byte, which only costs a trip to the byte loop.
constexpr std::uint64_t needs_attention(std::uint64_t word) noexcept {
  const std::uint64_t control = (word - kOnes * 0x20) & ~word & kHighBits;
  const std::uint64_t quote = has_zero_byte(word ^ (kOnes * '"'));
  const std::uint64_t backslash = has_zero_byte(word ^ (kOnes * '\\'));
  return control | quote | backslash | (word & kHighBits);
}

constexpr std::array<bool, 256> make_plain_table() noexcept {
  std::array<bool, 256> plain{};
  for (unsigned c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
  return plain;
}
constexpr std::array<bool, 256> kPlain = make_plain_table();

// Index of the first byte at or after `i` that is not plain ASCII (or `size`).
std::size_t skip_plain(const unsigned char* p, std::size_t i, std::size_t size) noexcept {
  while (i + 8 <= size) {
    std::uint64_t word;
    std::memcpy(&word, p + i, sizeof word);
    if (needs_attention(word) != 0) break;
    i += 8;
  }
  while (i < size && kPlain[p[i]]) ++i;
  return i;
}

std::size_t skip_ascii(const unsigned char* p, std::size_t i, std::size_t size) noexcept {
  while (i + 8 <= size) {
    std::uint64_t word;
    std::memcpy(&word, p + i, sizeof word);
    if ((word & kHighBits) != 0) break;
    i += 8;
  }
  while (i < size && p[i] < 0x80) ++i;
  return i;
}

// Looks at the sequence starting with a non-ASCII byte at p[0] (`avail` bytes available).
// Returns its length when well-formed; otherwise minus the length of its maximal subpart,
// the bytes that one U+FFFD replaces (Unicode 15, section 3.9, table 3-7).
int utf8_sequence(const unsigned char* p, std::size_t avail) noexcept {
  const unsigned char lead = p[0];
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  std::size_t need;
  if (lead < 0xC2) return -1;  // stray continuation byte or overlong 2-byte lead
  if (lead < 0xE0) {
    need = 2;
  } else if (lead < 0xF0) {
    need = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead < 0xF5) {
    need = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return -1;
  }
  if (avail < 2 || p[1] < low || p[1] > high) return -1;
  std::size_t n = 2;
  while (n < need) {
    if (n >= avail || (p[n] & 0xC0) != 0x80) return -static_cast<int>(n);
    ++n;
  }
  return static_cast<int>(need);
}

void append_escape(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '"': out.append("\\\"", 2); return;
    case '\\': out.append("\\\\", 2); return;
    case '\b': out.append("\\b", 2); return;
    case '\f': out.append("\\f", 2); return;
    case '\n': out.append("\\n", 2); return;
    case '\r': out.append("\\r", 2); return;
    case '\t': out.append("\\t", 2); return;
    default: {
      const char escaped[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
      out.append(escaped, sizeof escaped);
    }
  }
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  out.push_back('"');
  std::size_t start = 0;  // first byte not yet copied
  std::size_t i = 0;
  while ((i = skip_plain(p, i, size)) < size) {
    const unsigned char c = p[i];
    if (c >= 0x80) {
      const int length = utf8_sequence(p + i, size - i);
      if (length > 0) {
        i += static_cast<std::size_t>(length);
        continue;
      }
      out.append(text.data() + start, i - start);
      out.append(kReplacement);
      i += static_cast<std::size_t>(-length);
    } else {
      out.append(text.data() + start, i - start);
      append_escape(out, c);
      ++i;
    }
    start = i;
  }
  out.append(text.data() + start, size - start);
  out.push_back('"');
}

bool is_valid_utf8(std::string_view text) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while ((i = skip_ascii(p, i, size)) < size) {
    const int length = utf8_sequence(p + i, size - i);
    if (length < 0) return false;
    i += static_cast<std::size_t>(length);
  }
  return true;
}

void append_utf8_repaired(std::string& out, std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t start = 0;
  std::size_t i = 0;
  while ((i = skip_ascii(p, i, size)) < size) {
    const int length = utf8_sequence(p + i, size - i);
    if (length > 0) {
      i += static_cast<std::size_t>(length);
      continue;
    }
    out.append(text.data() + start, i - start);
    out.append(kReplacement);
    i += static_cast<std::size_t>(-length);
    start = i;
  }
  out.append(text.data() + start, size - start);
}

}  // namespace horolog
