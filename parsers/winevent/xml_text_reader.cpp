// Iterative (no recursion per nesting level), so deep or hostile input cannot exhaust the stack.
#include "parsers/winevent/xml_text_reader.h"

#include <charconv>
#include <cstring>

namespace horolog::winevent {
namespace {

constexpr std::size_t kMaxDepth = 64;

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool is_name_char(char c) noexcept {
  return !is_space(c) && c != '>' && c != '/' && c != '=' && c != '<' && c != '"' && c != '\'';
}

void skip_spaces(std::string_view s, std::size_t& pos) noexcept {
  while (pos < s.size() && is_space(s[pos])) ++pos;
}

std::string_view read_name(std::string_view s, std::size_t& pos) noexcept {
  const std::size_t start = pos;
  while (pos < s.size() && is_name_char(s[pos])) ++pos;
  return s.substr(start, pos - start);
}

// Moves past the next occurrence of `end`; false when there is none.
bool skip_past(std::string_view s, std::size_t& pos, std::string_view end) noexcept {
  const std::size_t at = s.find(end, pos);
  if (at == std::string_view::npos) return false;
  pos = at + end.size();
  return true;
}

std::size_t put_utf8(std::uint32_t cp, char* out) noexcept {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

bool add_text(XmlTree& tree, std::uint32_t target, std::string_view raw, StringArena& arena) {
  std::string_view text;
  if (!unescape_xml(raw, arena, text)) return false;
  tree.append_text(target, text, arena);
  return true;
}

}  // namespace

bool unescape_xml(std::string_view text, StringArena& arena, std::string_view& out) noexcept {
  std::size_t amp = text.find('&');
  if (amp == std::string_view::npos) {
    out = text;
    return true;
  }
  // Every reference is at least as long as what replaces it, so text.size() bytes suffice.
  char* buf = arena.allocate(text.size());
  std::size_t o = 0;
  std::size_t pos = 0;
  while (amp != std::string_view::npos) {
    std::memcpy(buf + o, text.data() + pos, amp - pos);
    o += amp - pos;
    const std::size_t semi = text.find(';', amp);
    if (semi == std::string_view::npos) return false;
    const std::string_view ref = text.substr(amp + 1, semi - amp - 1);
    if (ref == "lt")
      buf[o++] = '<';
    else if (ref == "gt")
      buf[o++] = '>';
    else if (ref == "amp")
      buf[o++] = '&';
    else if (ref == "quot")
      buf[o++] = '"';
    else if (ref == "apos")
      buf[o++] = '\'';
    else if (ref.size() >= 2 && ref[0] == '#') {
      const bool hex = ref[1] == 'x' || ref[1] == 'X';
      const std::string_view digits = ref.substr(hex ? 2 : 1);
      std::uint32_t cp = 0;
      const auto [end, ec] =
          std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty()) return false;
      if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
      // "&#x10000;" is 9 bytes and its UTF-8 is 4, so the output never outgrows the input.
      o += put_utf8(cp, buf + o);
    } else {
      return false;
    }
    pos = semi + 1;
    amp = text.find('&', pos);
  }
  std::memcpy(buf + o, text.data() + pos, text.size() - pos);
  o += text.size() - pos;
  out = {buf, o};
  return true;
}

bool read_xml_element(std::string_view s, std::size_t& pos, XmlTree& tree,
                      StringArena& arena) noexcept {
  tree.clear();
  if (pos >= s.size() || s[pos] != '<') return false;
  while (pos < s.size()) {
    if (s[pos] != '<') {
      const std::size_t end = s.find('<', pos);
      if (end == std::string_view::npos) return false;
      const std::string_view raw = s.substr(pos, end - pos);
      pos = end;
      bool blank = true;
      for (const char c : raw) blank = blank && is_space(c);
      if (!blank && !add_text(tree, tree.current(), raw, arena)) return false;
      continue;
    }
    if (s.compare(pos, 2, "</") == 0) {
      pos += 2;
      const std::string_view name = read_name(s, pos);
      skip_spaces(s, pos);
      if (tree.depth() == 0 || pos >= s.size() || s[pos] != '>' ||
          name != tree.node(tree.current()).name) {
        return false;
      }
      ++pos;
      tree.close_element();
      if (tree.depth() == 0) return true;
      continue;
    }
    if (s.compare(pos, 4, "<!--") == 0) {
      if (!skip_past(s, pos, "-->")) return false;
      continue;
    }
    if (s.compare(pos, 9, "<![CDATA[") == 0) {
      const std::size_t start = pos + 9;
      if (!skip_past(s, pos, "]]>")) return false;
      tree.append_text(tree.current(), s.substr(start, pos - 3 - start), arena);
      continue;
    }
    if (s.compare(pos, 2, "<?") == 0 || s.compare(pos, 2, "<!") == 0) {
      if (!skip_past(s, pos, ">")) return false;
      continue;
    }
    // Start tag.
    ++pos;
    const std::string_view name = read_name(s, pos);
    if (name.empty() || tree.depth() >= kMaxDepth) return false;
    tree.open_element(name);
    for (;;) {
      skip_spaces(s, pos);
      if (pos >= s.size()) return false;
      if (s[pos] == '>') {
        ++pos;
        break;
      }
      if (s.compare(pos, 2, "/>") == 0) {
        pos += 2;
        tree.close_element();
        if (tree.depth() == 0) return true;
        break;
      }
      const std::string_view attribute = read_name(s, pos);
      skip_spaces(s, pos);
      if (attribute.empty() || pos >= s.size() || s[pos] != '=') return false;
      ++pos;
      skip_spaces(s, pos);
      if (pos >= s.size() || (s[pos] != '"' && s[pos] != '\'')) return false;
      const char quote = s[pos++];
      const std::size_t end = s.find(quote, pos);
      if (end == std::string_view::npos) return false;
      const std::uint32_t index = tree.add_attribute(attribute);
      if (!add_text(tree, index, s.substr(pos, end - pos), arena)) return false;
      pos = end + 1;
    }
  }
  return false;
}

}  // namespace horolog::winevent
