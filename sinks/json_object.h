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

// Key order with '.' below every other byte: `a` < `a.b` < `a!`, so a value is immediately
// followed by the members that would nest under it, and each object's members are contiguous.
bool key_less(std::string_view a, std::string_view b) noexcept;
// True when two dotted keys cannot both be written as they are: equal, or one names an object
// the other lies inside (`a` and `a.b`).
bool keys_collide(std::string_view a, std::string_view b) noexcept;

// Writing members in key order: what goes between the member `previous` (nullptr: none yet, right
// after the opening '{') and the member `key` -- closing and opening nested objects, commas, and
// the quoted last segment with its ':'. Depends on the two keys only, so it can be precomputed.
void append_member_lead(std::string& out, const std::string_view* previous, std::string_view key);
// The '}' that close the nested objects the last member `last` is in (not the outer object).
void append_member_close(std::string& out, std::string_view last);
// A value as JSON text (`json` values: raw CR/LF blanked so the line stays one line).
void append_json_value(std::string& out, const FieldValue& value);

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

  std::vector<Member> members_;
  StringArena scratch_;
  std::string candidate_;
};

}  // namespace horolog
