// XmlTree building: vectors keep their capacity across records, so steady state allocates nothing.
#include "parsers/winevent/xml_tree.h"

#include <cstring>

namespace horolog::winevent {

void XmlTree::clear() noexcept {
  nodes_.clear();
  open_.clear();
}

std::uint32_t XmlTree::open_element(std::string_view name) {
  const auto index = static_cast<std::uint32_t>(nodes_.size());
  XmlNode node;
  node.kind = XmlNode::Kind::element;
  node.parent = current();
  node.name = name;
  nodes_.push_back(node);
  open_.push_back(index);
  return index;
}

void XmlTree::close_element() noexcept {
  if (!open_.empty()) open_.pop_back();
}

std::uint32_t XmlTree::add_attribute(std::string_view name) {
  const auto index = static_cast<std::uint32_t>(nodes_.size());
  XmlNode node;
  node.kind = XmlNode::Kind::attribute;
  node.parent = current();
  node.name = name;
  nodes_.push_back(node);
  return index;
}

void XmlTree::append_text(std::uint32_t index, std::string_view text, StringArena& arena) {
  if (text.empty() || index >= nodes_.size()) return;
  XmlNode& node = nodes_[index];
  if (node.text.empty()) {
    node.text = text;
    return;
  }
  // Content made of several pieces (value + character reference + ...): rare, so concatenate.
  char* out = arena.allocate(node.text.size() + text.size());
  std::memcpy(out, node.text.data(), node.text.size());
  std::memcpy(out + node.text.size(), text.data(), text.size());
  node.text = {out, node.text.size() + text.size()};
  node.raw_kind = RawKind::none;
}

void XmlTree::set_raw(std::uint32_t index, RawKind kind, std::uint64_t raw) noexcept {
  if (index >= nodes_.size()) return;
  nodes_[index].raw_kind = kind;
  nodes_[index].raw = raw;
}

std::string_view XmlTree::attribute(std::uint32_t element, std::string_view name) const noexcept {
  for (std::size_t i = element + 1; i < nodes_.size(); ++i) {
    const XmlNode& node = nodes_[i];
    if (node.kind != XmlNode::Kind::attribute || node.parent != element) break;
    if (node.name == name) return node.text;
  }
  return {};
}

}  // namespace horolog::winevent
