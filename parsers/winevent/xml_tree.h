// The decoded shape of one Windows event, shared by the EVTX Binary XML decoder and the XML
// export reader, so one mapper turns both into Events. A flat list of elements and attributes in
// document order; each element's character content is merged into one text.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "normalizer/string_arena.h"

namespace horolog::winevent {

// BinXML value types that the mapper reads from `XmlNode::raw` instead of parsing the text.
enum class RawKind : std::uint8_t {
  none,  // only `text`
  unsigned_integer,
  signed_integer,  // `raw` holds the two's complement bits
  filetime,        // `raw` holds 100 ns ticks since 1601
};

struct XmlNode {
  enum class Kind : std::uint8_t { element, attribute };
  Kind kind = Kind::element;
  RawKind raw_kind = RawKind::none;
  std::uint32_t parent = 0;  // index of the enclosing element; kNoParent for a root element
  std::string_view name;     // local name as written (prefixes kept)
  std::string_view text;     // element: direct character content; attribute: value
  std::uint64_t raw = 0;     // typed value when the text came from one binary value
};

class XmlTree {
 public:
  static constexpr std::uint32_t kNoParent = 0xFFFFFFFFu;

  void clear() noexcept;

  // Opens an element inside the innermost open one; returns its index.
  std::uint32_t open_element(std::string_view name);
  void close_element() noexcept;
  std::uint32_t add_attribute(std::string_view name);
  // Appends character content to node `index` (an element or an attribute).
  void append_text(std::uint32_t index, std::string_view text, StringArena& arena);
  // Records the typed value behind the node's text (call after its first append_text).
  void set_raw(std::uint32_t index, RawKind kind, std::uint64_t raw) noexcept;

  std::uint32_t current() const noexcept { return open_.empty() ? kNoParent : open_.back(); }
  std::size_t depth() const noexcept { return open_.size(); }
  const std::vector<XmlNode>& nodes() const noexcept { return nodes_; }
  XmlNode& node(std::uint32_t index) noexcept { return nodes_[index]; }
  const XmlNode& node(std::uint32_t index) const noexcept { return nodes_[index]; }
  std::size_t size() const noexcept { return nodes_.size(); }

  // The value of attribute `name` on element `element`, or empty.
  std::string_view attribute(std::uint32_t element, std::string_view name) const noexcept;

 private:
  std::vector<XmlNode> nodes_;
  std::vector<std::uint32_t> open_;
};

}  // namespace horolog::winevent
