// EVTX Binary XML to XmlTree: fragment, element, attribute, value, CDATA, character and entity
// reference tokens, names, template instances with their substitution arrays and Binary XML
// nested inside substitutions. Bounded everywhere: hostile bytes end in `false`, never a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "normalizer/string_arena.h"
#include "parsers/winevent/byte_cursor.h"
#include "parsers/winevent/xml_tree.h"

namespace horolog::winevent {

class BinXmlDecoder {
 public:
  // Element names live in the decoder, valid until the next begin_chunk(); decoded values go to
  // the arena given to decode().
  void begin_chunk(Bytes chunk) noexcept;

  // Decodes the Binary XML at [begin, end) of the current chunk (offsets inside Binary XML are
  // relative to the chunk) into `tree`, which is cleared first. False when the bytes are not
  // valid Binary XML; `tree` then holds what was decoded before the fault.
  [[nodiscard]] bool decode(std::size_t begin, std::size_t end, XmlTree& tree,
                            StringArena& arena) noexcept;

 private:
  struct Substitution {
    std::uint8_t type;
    std::uint32_t offset;  // in the chunk
    std::uint16_t size;
  };
  // The substitution values of the template instance being expanded: values_[base, base+count).
  struct Frame {
    std::size_t base = 0;
    std::size_t count = 0;
    bool in_template = false;  // inside a template definition's body
  };

  bool parse_fragment(ByteCursor& c, std::size_t end, Frame frame, int depth) noexcept;
  bool parse_element(ByteCursor& c, std::size_t end, Frame frame, int depth) noexcept;
  bool parse_template_instance(ByteCursor& c, std::size_t end, int depth) noexcept;
  // A value, CDATA, reference, processing-instruction or substitution token, whose text goes to
  // node `target` (an element or attribute).
  bool parse_text_token(ByteCursor& c, Frame frame, std::uint32_t target, int depth) noexcept;
  bool expand_substitution(const Substitution& sub, std::uint32_t target, int depth) noexcept;
  // A name reference: when the name is stored right here, the cursor skips over it.
  std::string_view read_name(ByteCursor& c) noexcept;
  std::string_view name_at(std::uint32_t offset) noexcept;

  Bytes chunk_;
  XmlTree* tree_ = nullptr;
  StringArena* arena_ = nullptr;
  std::vector<Substitution> values_;
  std::unordered_map<std::uint32_t, std::string_view> names_;
  StringArena name_arena_{std::size_t{16} * 1024};
};

}  // namespace horolog::winevent
