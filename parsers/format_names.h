// The format names an input may ask for (`format:` in the config, `--format` on the command line).
#pragma once

#include <span>
#include <string_view>

namespace horolog {

// Every accepted name, `auto` first, in the order of the format registry (format_registry.h).
std::span<const std::string_view> format_names() noexcept;
bool is_known_format(std::string_view name) noexcept;

}  // namespace horolog
