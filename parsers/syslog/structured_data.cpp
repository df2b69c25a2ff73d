// RFC 5424 section 6.3 grammar, scanned once; escapes copied out only when present.
#include "parsers/syslog/structured_data.h"

#include <cstdint>
#include <cstring>

namespace horolog::syslog {
namespace {

constexpr std::string_view kKeyPrefix = "log.syslog.structured_data.";
constexpr std::size_t kMaxName = 32;  // SD-NAME is 1*32 PRINTUSASCII

bool is_name_char(char c) noexcept {
  return c > ' ' && c < 127 && c != '=' && c != ']' && c != '"';
}

std::size_t scan_name(std::string_view text, std::size_t i, std::size_t max) noexcept {
  std::size_t j = i;
  while (j < text.size() && j - i < max && is_name_char(text[j])) ++j;
  return j - i;
}

std::string_view join_key(StringArena& arena, std::string_view id, std::string_view name) {
  const std::size_t size = kKeyPrefix.size() + id.size() + 1 + name.size();
  char* out = arena.allocate(size);
  std::memcpy(out, kKeyPrefix.data(), kKeyPrefix.size());
  std::memcpy(out + kKeyPrefix.size(), id.data(), id.size());
  out[kKeyPrefix.size() + id.size()] = '.';
  std::memcpy(out + kKeyPrefix.size() + id.size() + 1, name.data(), name.size());
  return {out, size};
}

// Only `\"`, `\\` and `\]` are escapes; any other backslash stays as written (section 6.3.3).
std::string_view unescape(std::string_view raw, StringArena& arena) {
  char* out = arena.allocate(raw.size());
  std::size_t n = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size() &&
        (raw[i + 1] == '"' || raw[i + 1] == '\\' || raw[i + 1] == ']')) {
      ++i;
    }
    out[n++] = raw[i];
  }
  return {out, n};
}

// timeQuality: tzKnown and isSynced are 0/1 flags, syncAccuracy is in microseconds.
void add_time_quality(std::string_view name, std::string_view value, Event& event) {
  if (name == "tzKnown" || name == "isSynced") {
    event.add(name == "tzKnown" ? "log.syslog.time_quality.tz_known"
                                : "log.syslog.time_quality.is_synced",
              FieldValue::boolean(value == "1"));
    return;
  }
  if (name == "syncAccuracy") {
    std::int64_t us = 0;
    for (char c : value) {
      if (c < '0' || c > '9' || us > (INT64_MAX / 10)) return;
      us = us * 10 + (c - '0');
    }
    if (!value.empty())
      event.add("log.syslog.time_quality.sync_accuracy_us", FieldValue::int64(us));
  }
}

}  // namespace

std::size_t parse_structured_data(std::string_view text, StringArena& arena, Event& event) {
  std::size_t i = 0;
  while (i < text.size() && text[i] == '[') {
    ++i;
    const std::size_t id_size = scan_name(text, i, kMaxName);
    if (id_size == 0) return 0;
    const std::string_view id = text.substr(i, id_size);
    const bool time_quality = id == "timeQuality";
    i += id_size;
    for (;;) {
      if (i >= text.size()) return 0;
      if (text[i] == ']') {
        ++i;
        break;
      }
      if (text[i] != ' ') return 0;
      ++i;
      const std::size_t name_size = scan_name(text, i, kMaxName);
      if (name_size == 0 || i + name_size + 1 >= text.size()) return 0;
      const std::string_view name = text.substr(i, name_size);
      i += name_size;
      if (text[i] != '=' || text[i + 1] != '"') return 0;
      i += 2;
      const std::size_t value_begin = i;
      bool escaped = false;
      while (i < text.size() && text[i] != '"') {
        if (text[i] == '\\' && i + 1 < text.size()) {
          escaped = true;
          ++i;
        }
        ++i;
      }
      if (i >= text.size()) return 0;
      const std::string_view raw = text.substr(value_begin, i - value_begin);
      ++i;  // closing quote
      const std::string_view value = escaped ? unescape(raw, arena) : raw;
      if (time_quality) {
        add_time_quality(name, value, event);
      } else {
        event.add(join_key(arena, id, name), FieldValue::string(value));
      }
    }
  }
  return i;
}

}  // namespace horolog::syslog
