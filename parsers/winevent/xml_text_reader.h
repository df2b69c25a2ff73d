// A small XML reader for exported Windows events: elements, attributes (either quote), text,
// CDATA, comments, processing instructions and the five entities plus character references.
// No DTDs, no namespaces resolution (prefixes are kept in names); enough for what Windows and
// its exporters write, and strict enough to refuse what is not XML.
#pragma once

#include <cstddef>
#include <string_view>

#include "normalizer/string_arena.h"
#include "parsers/winevent/xml_tree.h"

namespace horolog::winevent {

// Reads the element starting at `pos` (which must be at its `<`) into `tree` (cleared first)
// and moves `pos` past its end tag. Names and texts view into `input` unless entities had to be
// replaced (then into `arena`). Whitespace-only text between elements is dropped. False on
// malformed or unfinished XML; `pos` is then unspecified.
[[nodiscard]] bool read_xml_element(std::string_view input, std::size_t& pos, XmlTree& tree,
                                    StringArena& arena) noexcept;

// Replaces entities and character references; returns `text` itself when it has none. False
// for an unknown entity or a malformed reference.
[[nodiscard]] bool unescape_xml(std::string_view text, StringArena& arena,
                                std::string_view& out) noexcept;

}  // namespace horolog::winevent
