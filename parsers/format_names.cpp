// Format names as config validation and the CLI see them: a view of the format registry, so
// there is one list.
#include "parsers/format_names.h"

#include <vector>

#include "parsers/format_registry.h"

namespace horolog {

std::span<const std::string_view> format_names() noexcept {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const FormatInfo& format : formats()) out.push_back(format.name);
    return out;
  }();
  return names;
}

bool is_known_format(std::string_view name) noexcept { return find_format(name) != nullptr; }

}  // namespace horolog
