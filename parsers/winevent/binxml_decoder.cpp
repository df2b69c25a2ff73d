// Token layouts follow MS-EVEN6 and libevtx's "Windows XML Event Log (EVTX)" notes. Recursion
// depth is capped because templates and nested Binary XML can refer to each other in a loop.
#include "parsers/winevent/binxml_decoder.h"

#include <algorithm>

#include "parsers/winevent/binxml_values.h"
#include "parsers/winevent/utf16.h"

namespace horolog::winevent {
namespace {

constexpr int kMaxDepth = 48;

// Token types; the 0x40 bit ("more data follows") is masked off before comparing.
constexpr std::uint8_t kEof = 0x00;
constexpr std::uint8_t kOpenStartElement = 0x01;
constexpr std::uint8_t kCloseStartElement = 0x02;
constexpr std::uint8_t kCloseEmptyElement = 0x03;
constexpr std::uint8_t kEndElement = 0x04;
constexpr std::uint8_t kValue = 0x05;
constexpr std::uint8_t kAttribute = 0x06;
constexpr std::uint8_t kCdata = 0x07;
constexpr std::uint8_t kCharRef = 0x08;
constexpr std::uint8_t kEntityRef = 0x09;
constexpr std::uint8_t kPiTarget = 0x0A;
constexpr std::uint8_t kPiData = 0x0B;
constexpr std::uint8_t kTemplateInstance = 0x0C;
constexpr std::uint8_t kNormalSubstitution = 0x0D;
constexpr std::uint8_t kOptionalSubstitution = 0x0E;
constexpr std::uint8_t kFragmentHeader = 0x0F;
constexpr std::uint8_t kMoreData = 0x40;

constexpr std::uint8_t base_token(std::uint8_t token) noexcept {
  return static_cast<std::uint8_t>(token & ~kMoreData);
}

bool is_attribute_value_token(std::uint8_t token) noexcept {
  const std::uint8_t t = base_token(token);
  return t == kValue || t == kCharRef || t == kEntityRef || t == kNormalSubstitution ||
         t == kOptionalSubstitution;
}

// The five XML entities; anything else is kept as written.
std::string_view entity_text(std::string_view name) noexcept {
  if (name == "amp") return "&";
  if (name == "lt") return "<";
  if (name == "gt") return ">";
  if (name == "quot") return "\"";
  if (name == "apos") return "'";
  return {};
}

std::string_view utf8_of(std::uint32_t cp, StringArena& arena) noexcept {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  char buf[4];
  std::size_t n = 0;
  if (cp < 0x80) {
    buf[n++] = static_cast<char>(cp);
  } else if (cp < 0x800) {
    buf[n++] = static_cast<char>(0xC0 | (cp >> 6));
    buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    buf[n++] = static_cast<char>(0xE0 | (cp >> 12));
    buf[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return arena.copy({buf, n});
}

}  // namespace

void BinXmlDecoder::begin_chunk(Bytes chunk) noexcept {
  chunk_ = chunk;
  names_.clear();
  name_arena_.clear();
}

bool BinXmlDecoder::decode(std::size_t begin, std::size_t end, XmlTree& tree,
                           StringArena& arena) noexcept {
  tree.clear();
  values_.clear();
  tree_ = &tree;
  arena_ = &arena;
  if (begin > end || end > chunk_.size()) return false;
  ByteCursor c(chunk_, begin);
  return parse_fragment(c, end, Frame{}, 0) && tree.depth() == 0;
}

bool BinXmlDecoder::parse_fragment(ByteCursor& c, std::size_t end, Frame frame,
                                   int depth) noexcept {
  if (depth > kMaxDepth) return false;
  while (c.ok() && c.pos() < end) {
    const std::uint8_t token = base_token(c.peek());
    switch (token) {
      case kEof: c.skip(1); return true;
      case kFragmentHeader:
        c.skip(4);  // token, major and minor version, flags
        break;
      case kTemplateInstance:
        if (!parse_template_instance(c, end, depth + 1)) return false;
        break;
      case kOpenStartElement:
        if (!parse_element(c, end, frame, depth + 1)) return false;
        break;
      default:
        if (!parse_text_token(c, frame, tree_->current(), depth + 1)) return false;
        break;
    }
  }
  return c.ok();
}

bool BinXmlDecoder::parse_element(ByteCursor& c, std::size_t end, Frame frame, int depth) noexcept {
  if (depth > kMaxDepth) return false;
  const std::uint8_t token = c.u8();
  // Only elements of a template definition carry a dependency identifier; elements written
  // directly in a record or in a Binary XML substitution value do not.
  if (frame.in_template) c.skip(2);
  c.skip(4);  // data size: the element is walked token by token instead
  const std::string_view name = read_name(c);
  if (!c.ok()) return false;
  const std::uint32_t element = tree_->open_element(name);
  if (token & kMoreData) c.skip(4);  // attribute list size
  while (c.ok() && base_token(c.peek()) == kAttribute) {
    c.skip(1);
    const std::uint32_t attribute = tree_->add_attribute(read_name(c));
    while (c.ok() && is_attribute_value_token(c.peek())) {
      if (!parse_text_token(c, frame, attribute, depth + 1)) return false;
    }
  }
  const std::uint8_t close = base_token(c.u8());
  if (close == kCloseEmptyElement) {
    tree_->close_element();
    return c.ok();
  }
  if (close != kCloseStartElement) return false;
  while (c.ok() && c.pos() < end) {
    const std::uint8_t next = base_token(c.peek());
    if (next == kEndElement) {
      c.skip(1);
      tree_->close_element();
      return true;
    }
    bool ok = true;
    if (next == kOpenStartElement) {
      ok = parse_element(c, end, frame, depth + 1);
    } else if (next == kTemplateInstance) {
      ok = parse_template_instance(c, end, depth + 1);
    } else if (next == kEof || next == kFragmentHeader || next == kAttribute ||
               next == kCloseStartElement || next == kCloseEmptyElement) {
      ok = false;
    } else {
      ok = parse_text_token(c, frame, element, depth + 1);
    }
    if (!ok) return false;
  }
  return false;
}

bool BinXmlDecoder::parse_template_instance(ByteCursor& c, std::size_t end, int depth) noexcept {
  if (depth > kMaxDepth) return false;
  c.skip(2);  // token, unknown byte
  c.skip(4);  // template identifier
  const std::uint32_t definition = c.u32();
  if (!c.ok() || std::size_t{definition} + 24 > chunk_.size()) return false;
  // Definition header: next-template offset (4), GUID (16), data size (4), then the body.
  const std::uint32_t body_size = load_u32(&chunk_[definition + 20]);
  const std::size_t body = std::size_t{definition} + 24;
  if (body_size > chunk_.size() - body) return false;
  if (definition == c.pos()) c.seek(body + body_size);  // defined inline: skip over it

  const std::uint32_t count = c.u32();
  if (!c.ok() || count > c.remaining() / 4) return false;
  const std::size_t descriptors = c.pos();
  std::size_t value_at = descriptors + 4 * std::size_t{count};
  const Frame frame{values_.size(), count, true};
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint8_t* d = &chunk_[descriptors + 4 * std::size_t{i}];
    const Substitution sub{d[2], static_cast<std::uint32_t>(value_at), load_u16(d)};
    value_at += sub.size;
    if (value_at > end) {
      values_.resize(frame.base);
      return false;
    }
    values_.push_back(sub);
  }
  c.seek(value_at);
  ByteCursor body_cursor(chunk_, body);
  const bool ok = parse_fragment(body_cursor, body + body_size, frame, depth + 1);
  values_.resize(frame.base);
  return ok && c.ok();
}

bool BinXmlDecoder::parse_text_token(ByteCursor& c, Frame frame, std::uint32_t target,
                                     int depth) noexcept {
  const std::uint8_t token = base_token(c.u8());
  std::string_view text;
  switch (token) {
    case kValue: {
      const std::uint8_t type = c.u8();
      if (type != kString) return false;  // value tokens only ever carry UTF-16 text
      const std::uint16_t units = c.u16();
      const Bytes chars = c.bytes(2 * std::size_t{units});
      if (!c.ok()) return false;
      text = utf16le_to_utf8(chars.data(), units, *arena_);
      break;
    }
    case kCdata: {
      const std::uint16_t units = c.u16();
      const Bytes chars = c.bytes(2 * std::size_t{units});
      if (!c.ok()) return false;
      text = utf16le_to_utf8(chars.data(), units, *arena_);
      break;
    }
    case kCharRef: text = utf8_of(c.u16(), *arena_); break;
    case kEntityRef: {
      const std::string_view name = read_name(c);
      text = entity_text(name);
      if (text.empty() && !name.empty()) {
        char* out = arena_->allocate(name.size() + 2);
        out[0] = '&';
        std::copy(name.begin(), name.end(), out + 1);
        out[name.size() + 1] = ';';
        text = {out, name.size() + 2};
      }
      break;
    }
    case kPiTarget:
      read_name(c);  // processing instructions carry nothing an event needs
      break;
    case kPiData: c.skip(2 * std::size_t{c.u16()}); break;
    case kNormalSubstitution:
    case kOptionalSubstitution: {
      const std::uint16_t id = c.u16();
      c.skip(1);  // declared type; the instance's descriptor is authoritative
      if (!c.ok()) return false;
      if (id >= frame.count) return true;  // nothing to substitute
      const Substitution sub = values_[frame.base + id];
      if (token == kOptionalSubstitution && (sub.type == kNull || sub.size == 0)) return true;
      return expand_substitution(sub, target, depth + 1);
    }
    default: return false;
  }
  if (!c.ok()) return false;
  if (target != XmlTree::kNoParent) tree_->append_text(target, text, *arena_);
  return true;
}

bool BinXmlDecoder::expand_substitution(const Substitution& sub, std::uint32_t target,
                                        int depth) noexcept {
  if (sub.offset + std::size_t{sub.size} > chunk_.size()) return false;
  if (sub.type == kBinXml) {
    // Nested Binary XML (UserData, EventData of some providers) becomes child elements.
    if (target != tree_->current()) return true;  // not meaningful inside an attribute
    ByteCursor nested(chunk_, sub.offset);
    const std::size_t open = tree_->depth();
    const bool ok = parse_fragment(nested, sub.offset + std::size_t{sub.size}, Frame{}, depth + 1);
    return ok && tree_->depth() == open;
  }
  const RenderedValue value = render_value(sub.type, chunk_.subspan(sub.offset, sub.size), *arena_);
  if (target == XmlTree::kNoParent) return true;
  const bool first = tree_->node(target).text.empty();
  tree_->append_text(target, value.text, *arena_);
  if (first && value.raw_kind != RawKind::none) tree_->set_raw(target, value.raw_kind, value.raw);
  return true;
}

std::string_view BinXmlDecoder::read_name(ByteCursor& c) noexcept {
  const std::uint32_t offset = c.u32();
  if (!c.ok()) return {};
  if (offset == c.pos()) {
    // Name stored inline: next-name offset (4), hash (2), length in characters (2), text, NUL.
    c.skip(6);
    c.skip(2 * std::size_t{c.u16()} + 2);
  }
  return name_at(offset);
}

std::string_view BinXmlDecoder::name_at(std::uint32_t offset) noexcept {
  if (const auto it = names_.find(offset); it != names_.end()) return it->second;
  if (std::size_t{offset} + 8 > chunk_.size()) return {};
  const std::uint16_t units = load_u16(&chunk_[offset + 6]);
  if (std::size_t{offset} + 8 + 2 * std::size_t{units} > chunk_.size()) return {};
  const std::string_view name = utf16le_to_utf8(&chunk_[offset + 8], units, name_arena_);
  names_.emplace(offset, name);
  return name;
}

}  // namespace horolog::winevent
