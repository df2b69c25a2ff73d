// ASCII case-insensitive comparison and search, for Windows names (paths, registry keys,
// command lines) that Windows itself compares without regard to case. No allocation.
#pragma once

#include <cstddef>
#include <string_view>

namespace horolog::winevent {

bool iequals(std::string_view a, std::string_view b) noexcept;
bool iends_with(std::string_view text, std::string_view suffix) noexcept;
// Position of the first case-insensitive occurrence of `needle` at or after `from`, or npos.
std::size_t ifind(std::string_view text, std::string_view needle, std::size_t from = 0) noexcept;

}  // namespace horolog::winevent
