// Matching is by whole dotted segments: `host` covers `host.name` but not `hostname`, so a
// selection never catches a member whose name only happens to start the same way.
#include "sinks/field_selection.h"

#include <algorithm>

namespace horolog {

namespace {

constexpr std::string_view kTimestampKey = "@timestamp";

bool covers(std::string_view name, std::string_view key) noexcept {
  return key.starts_with(name) && (key.size() == name.size() || key[name.size()] == '.');
}

bool any_covers(const std::vector<std::string>& names, std::string_view key) noexcept {
  return std::any_of(names.begin(), names.end(),
                     [key](const std::string& name) { return covers(name, key); });
}

}  // namespace

FieldSelection::FieldSelection(std::vector<std::string> include, std::vector<std::string> exclude)
    : include_(std::move(include)), exclude_(std::move(exclude)) {}

bool FieldSelection::keeps(std::string_view key) const noexcept {
  if (key == kTimestampKey) return true;
  if (!include_.empty() && !any_covers(include_, key)) return false;
  return !any_covers(exclude_, key);
}

std::optional<std::string> FieldSelection::name_problem(std::string_view name, bool excluding) {
  if (name.empty()) return "a field name must not be empty";
  if (name.front() == '.' || name.back() == '.' || name.find("..") != std::string_view::npos) {
    return "`" + std::string(name) + "` has an empty segment between dots";
  }
  if (excluding && name == kTimestampKey) {
    return "`@timestamp` is always written and cannot be excluded";
  }
  return std::nullopt;
}

}  // namespace horolog
