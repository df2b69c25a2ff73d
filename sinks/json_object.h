// One JSON object built from (dotted key, value) members: keys sharing a prefix are merged into
// nested objects, and colliding names are renamed so that every object has unique keys.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "normalizer/event.h"
#include "normalizer/string_arena.h"

namespace horolog {

// Collisions, decided on the dotted keys after invalid UTF-8 in them has been replaced:
// - the same key twice: the member added first keeps it, later ones get `_2`, `_3`, ... appended
//   to their last segment (the first free number);
// - a key that is both a value and an object prefix (`a` and `a.b`): an extra value moves aside
//   to `a_2`; a fixed (schema) value keeps `a` and the extras under it move to `a_2.b`.
// Fixed members win over extras in both cases. Nothing is dropped and output is deterministic:
// members are written in key order ('.' sorting before every other byte), not insertion order.
// Reuse one writer: after warm-up, clear() + add() + write() allocate nothing.
class JsonObjectWriter {
 public:
  JsonObjectWriter() : scratch_(4096) {}

  void clear() noexcept;
  // `fixed` marks the schema's own members, which win collisions against extras; their keys
  // must be valid UTF-8 (they are not checked). Adding in key order saves the sort.
  // Views must stay valid until write(); `json` values must be valid JSON text.
  void add(std::string_view key, const FieldValue& value, bool fixed);
  // Copies `text` into the writer's scratch storage (valid until clear()), for raw JSON values
  // formatted on the fly.
  std::string_view keep(std::string_view text) { return scratch_.copy(text); }
  // Appends the object (no newline).
  void write(std::string& out);

 private:
  struct Member {
    std::string_view key;
    FieldValue value;
    std::uint32_t order = 0;  // insertion order: among equal keys, the first one wins
    bool fixed = false;
  };

  void resolve_collisions();
  // Renames members_[index] by inserting `_N` at byte `at` of its key, with the first N >= `from`
  // that collides with no other key; returns N.
  unsigned rename(std::size_t index, std::size_t at, unsigned from);
  bool is_free(std::string_view key, std::size_t except) const noexcept;
  static void write_value(std::string& out, const FieldValue& value);

  std::vector<Member> members_;
  StringArena scratch_;
  std::string candidate_;
};

}  // namespace horolog
