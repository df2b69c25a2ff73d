// How an event's extra fields merge with the encoder's fixed members: their sorted order, where
// each one falls among the fixed keys, and the punctuation between neighbours, kept across events.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "normalizer/event.h"
#include "sinks/field_selection.h"

namespace horolog {

// A format adds the same keys in the same order to every record (or one of a few sets, as RFC 5424
// with and without structured data), so this is worked out once per set of keys and kept for the
// last few sets (compared against a copy, since the events' key storage does not outlive them).
class ExtrasLayout {
 public:
  // `fixed_keys` are the encoder's own members, in key order; the selection filters the extras.
  ExtrasLayout(std::span<const std::string_view> fixed_keys, FieldSelection selection);

  // Brings the layout up to date for these fields. False when they cannot be written directly
  // (a key that is not valid UTF-8 is repaired first, and repaired keys may collide).
  bool update(const std::vector<Field>& fields);

  // The kept extras, in key order.
  std::size_t size() const noexcept { return order().size(); }
  // Which of the fields (index into the vector given to update()) is the j-th to write.
  std::uint32_t field_index(std::size_t j) const noexcept { return order()[j].field; }
  // The first fixed member the j-th extra sorts before (fixed_keys.size() when none).
  unsigned before_fixed(std::size_t j) const noexcept { return order()[j].before_fixed; }
  // What goes between extra j-1 and extra j (j > 0), or nullptr when their keys collide.
  const std::string* lead_after_previous(std::size_t j) const noexcept {
    return order()[j].collides ? nullptr : &order()[j].lead;
  }

 private:
  struct Entry {
    std::uint32_t field;
    unsigned before_fixed;
    bool collides;     // with extra j-1
    std::string lead;  // from extra j-1
  };
  // The layout of one set of keys.
  struct Layout {
    std::string keys;                     // the keys, concatenated
    std::vector<std::uint32_t> key_ends;  // end of each key in `keys`
    bool valid = true;
    std::vector<Entry> order;
    bool matches(const std::vector<Field>& fields) const noexcept;
  };
  static constexpr std::size_t kLayouts = 8;

  const std::vector<Entry>& order() const noexcept { return layouts_[current_].order; }
  void rebuild(Layout& layout, const std::vector<Field>& fields) const;

  std::span<const std::string_view> fixed_keys_;
  FieldSelection selection_;
  std::vector<Layout> layouts_;  // the last few key sets seen; grows up to kLayouts
  std::size_t current_ = 0;      // the one update() chose
  std::size_t next_victim_ = 0;  // replaced next once all are in use (round robin)
};

}  // namespace horolog
