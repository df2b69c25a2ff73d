// Which output members an encoder writes: `include_fields` keeps only the named members (and what
// is nested under them), `exclude_fields` then drops members; `@timestamp` is always written.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace horolog {

class FieldSelection {
 public:
  // Everything is kept.
  FieldSelection() = default;
  // Names are dotted output keys (`host.name`); a name also covers the members under it (`log`
  // covers `log.file.path`). An empty include list keeps everything.
  FieldSelection(std::vector<std::string> include, std::vector<std::string> exclude);

  bool keeps_everything() const noexcept { return include_.empty() && exclude_.empty(); }
  // Whether the member with dotted key `key` is written.
  bool keeps(std::string_view key) const noexcept;

  // Why `name` cannot be listed (empty, an empty segment between dots; `@timestamp` in an
  // exclude list), or nothing when it is fine.
  static std::optional<std::string> name_problem(std::string_view name, bool excluding = false);

  friend bool operator==(const FieldSelection&, const FieldSelection&) = default;

 private:
  std::vector<std::string> include_;
  std::vector<std::string> exclude_;
};

}  // namespace horolog
