// Rebuilt only when an event's keys differ from the previous event's: sorting dotted keys and
// working out the nesting between them was half the cost of encoding NTP and chrony statistics.
#include "sinks/extras_layout.h"

#include <algorithm>
#include <numeric>

#include "sinks/json_object.h"
#include "sinks/json_string.h"

namespace horolog {

ExtrasLayout::ExtrasLayout(std::span<const std::string_view> fixed_keys, FieldSelection selection)
    : fixed_keys_(fixed_keys), selection_(std::move(selection)), layouts_(1) {}

bool ExtrasLayout::update(const std::vector<Field>& fields) {
  if (layouts_[current_].matches(fields)) return layouts_[current_].valid;
  for (std::size_t i = 0; i < layouts_.size(); ++i) {
    if (layouts_[i].matches(fields)) {
      current_ = i;
      return layouts_[i].valid;
    }
  }
  if (layouts_.size() < kLayouts) {
    current_ = layouts_.size();
    layouts_.emplace_back();
  } else {
    current_ = next_victim_;
    next_victim_ = (next_victim_ + 1) % kLayouts;
  }
  rebuild(layouts_[current_], fields);
  return layouts_[current_].valid;
}

bool ExtrasLayout::Layout::matches(const std::vector<Field>& fields) const noexcept {
  if (fields.size() != key_ends.size()) return false;
  std::uint32_t begin = 0;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string_view kept(keys.data() + begin, key_ends[i] - begin);
    if (fields[i].key != kept) return false;
    begin = key_ends[i];
  }
  return true;
}

void ExtrasLayout::rebuild(Layout& layout, const std::vector<Field>& fields) const {
  layout.keys.clear();
  layout.key_ends.clear();
  layout.order.clear();
  layout.valid = true;
  for (std::uint32_t i = 0; i < fields.size(); ++i) {
    const std::string_view key = fields[i].key;
    layout.keys.append(key);
    layout.key_ends.push_back(static_cast<std::uint32_t>(layout.keys.size()));
    if (!is_valid_utf8(key)) layout.valid = false;
    if (selection_.keeps_everything() || selection_.keeps(key)) {
      layout.order.push_back(Entry{i, 0, false, {}});
    }
  }
  if (!layout.valid) {
    layout.order.clear();
    return;
  }
  // Equal keys collide anyway; the insertion order only makes the order deterministic.
  std::stable_sort(layout.order.begin(), layout.order.end(),
                   [&fields](const Entry& a, const Entry& b) {
                     return key_less(fields[a.field].key, fields[b.field].key);
                   });
  for (std::size_t j = 0; j < layout.order.size(); ++j) {
    Entry& entry = layout.order[j];
    const std::string_view key = fields[entry.field].key;
    const auto after = std::upper_bound(
        fixed_keys_.begin(), fixed_keys_.end(), key,
        [](std::string_view k, std::string_view fixed) { return key_less(k, fixed); });
    entry.before_fixed = static_cast<unsigned>(after - fixed_keys_.begin());
    if (j == 0) continue;
    const std::string_view previous = fields[layout.order[j - 1].field].key;
    entry.collides = keys_collide(previous, key);
    if (!entry.collides) append_member_lead(entry.lead, &previous, key);
  }
}

}  // namespace horolog
