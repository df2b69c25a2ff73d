// Sorting dotted keys so that every prefix's members are contiguous turns nesting into a single
// pass with a depth counter; collisions are found between neighbours in that order.
#include "sinks/json_object.h"

#include <algorithm>

#include "sinks/json_number.h"
#include "sinks/json_string.h"

namespace horolog {

namespace {

// True when `prefix` names an object that `key` lies inside (`a.b` is inside `a`).
bool is_inside(std::string_view prefix, std::string_view key) noexcept {
  return key.size() > prefix.size() && key[prefix.size()] == '.' && key.starts_with(prefix);
}

std::size_t depth_of(std::string_view key) noexcept {
  return static_cast<std::size_t>(std::count(key.begin(), key.end(), '.'));
}

// Number of leading object segments two keys share: the dots inside their common prefix.
std::size_t shared_depth(std::string_view a, std::string_view b) noexcept {
  const std::size_t common = std::min(a.size(), b.size());
  std::size_t depth = 0;
  for (std::size_t i = 0; i < common && a[i] == b[i]; ++i) depth += a[i] == '.';
  return depth;
}

}  // namespace

bool key_less(std::string_view a, std::string_view b) noexcept {
  const std::size_t common = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < common; ++i) {
    const auto ca = static_cast<unsigned char>(a[i]);
    const auto cb = static_cast<unsigned char>(b[i]);
    if (ca == cb) continue;
    if (ca == '.') return true;
    if (cb == '.') return false;
    return ca < cb;
  }
  return a.size() < b.size();
}

bool keys_collide(std::string_view a, std::string_view b) noexcept {
  return a == b || is_inside(a, b) || is_inside(b, a);
}

void append_member_lead(std::string& out, const std::string_view* previous, std::string_view key) {
  bool first = previous == nullptr;  // no member written yet in the innermost open object
  std::size_t open = 0;
  std::size_t shared = 0;
  if (previous != nullptr) {
    open = depth_of(*previous);
    shared = std::min(open, shared_depth(*previous, key));
  }
  for (; open > shared; --open) out.push_back('}');
  std::size_t segment_start = 0;
  for (std::size_t skipped = 0; skipped < shared; ++skipped) {
    segment_start = key.find('.', segment_start) + 1;
  }
  for (const std::size_t depth = depth_of(key); open < depth; ++open) {
    const std::size_t dot = key.find('.', segment_start);
    if (!first) out.push_back(',');
    append_json_string(out, key.substr(segment_start, dot - segment_start));
    out.append(":{", 2);
    first = true;
    segment_start = dot + 1;
  }
  if (!first) out.push_back(',');
  append_json_string(out, key.substr(segment_start));
  out.push_back(':');
}

void append_member_close(std::string& out, std::string_view last) {
  out.append(depth_of(last), '}');
}

void append_json_value(std::string& out, const FieldValue& value) {
  switch (value.kind) {
    case FieldValue::Kind::string: append_json_string(out, value.text); return;
    case FieldValue::Kind::int64: append_json_int(out, value.i64); return;
    case FieldValue::Kind::uint64: append_json_uint(out, value.u64); return;
    case FieldValue::Kind::float64: append_json_double(out, value.f64); return;
    case FieldValue::Kind::boolean: out.append(value.b ? "true" : "false"); return;
    case FieldValue::Kind::json: {
      if (value.text.empty()) {
        out.append("null");
        return;
      }
      // In valid JSON a raw CR or LF can only be whitespace: blank it so the line stays one line.
      const std::size_t begin = out.size();
      out.append(value.text);
      for (std::size_t i = begin; i < out.size(); ++i) {
        if (out[i] == '\n' || out[i] == '\r') out[i] = ' ';
      }
      return;
    }
  }
}

void JsonObjectWriter::clear() noexcept {
  members_.clear();
  scratch_.clear();
}

void JsonObjectWriter::add(std::string_view key, const FieldValue& value, bool fixed) {
  if (!fixed && !is_valid_utf8(key)) {
    candidate_.clear();
    append_utf8_repaired(candidate_, key);
    key = scratch_.copy(candidate_);
  }
  members_.push_back({key, value, static_cast<std::uint32_t>(members_.size()), fixed});
}

bool JsonObjectWriter::is_free(std::string_view key, std::size_t except) const noexcept {
  for (std::size_t i = 0; i < members_.size(); ++i) {
    if (i == except) continue;
    const std::string_view other = members_[i].key;
    if (other == key || is_inside(other, key) || is_inside(key, other)) return false;
  }
  return true;
}

unsigned JsonObjectWriter::rename(std::size_t index, std::size_t at, unsigned from) {
  const std::string_view key = members_[index].key;
  for (unsigned n = from;; ++n) {
    candidate_.assign(key.substr(0, at));
    candidate_.push_back('_');
    append_json_uint(candidate_, n);
    candidate_.append(key.substr(at));
    if (is_free(candidate_, index)) {
      members_[index].key = scratch_.copy(candidate_);
      return n;
    }
  }
}

void JsonObjectWriter::resolve_collisions() {
  const auto less = [](const Member& a, const Member& b) {
    if (a.key != b.key) return key_less(a.key, b.key);
    if (a.fixed != b.fixed) return a.fixed;
    return a.order < b.order;
  };
  // Every pass renames members onto free keys, so the number of colliding pairs only falls.
  // Fixed members usually arrive in key order already; the check is cheaper than a sort.
  for (;;) {
    if (!std::is_sorted(members_.begin(), members_.end(), less)) {
      std::sort(members_.begin(), members_.end(), less);
    }
    std::size_t i = 1;
    while (i < members_.size() && members_[i - 1].key != members_[i].key &&
           !is_inside(members_[i - 1].key, members_[i].key)) {
      ++i;
    }
    if (i >= members_.size()) return;

    const std::string_view taken = members_[i - 1].key;
    if (members_[i].key == taken) {
      unsigned next = 2;
      for (std::size_t j = i; j < members_.size() && members_[j].key == taken; ++j) {
        next = rename(j, taken.size(), next) + 1;
      }
    } else if (!members_[i - 1].fixed) {
      rename(i - 1, taken.size(), 2);
    } else {
      for (std::size_t j = i; j < members_.size() && is_inside(taken, members_[j].key); ++j) {
        rename(j, taken.size(), 2);
      }
    }
  }
}

void JsonObjectWriter::write(std::string& out) {
  resolve_collisions();
  out.push_back('{');
  const std::string_view* previous = nullptr;
  for (const Member& member : members_) {
    append_member_lead(out, previous, member.key);
    append_json_value(out, member.value);
    previous = &member.key;
  }
  if (previous != nullptr) append_member_close(out, *previous);
  out.push_back('}');
}

}  // namespace horolog
