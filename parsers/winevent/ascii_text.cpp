// Folding only A-Z keeps the comparisons exact for the UTF-8 bytes of non-ASCII names.
#include "parsers/winevent/ascii_text.h"

namespace horolog::winevent {
namespace {

constexpr char fold(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

bool same_at(std::string_view text, std::size_t at, std::string_view needle) noexcept {
  for (std::size_t i = 0; i < needle.size(); ++i) {
    if (fold(text[at + i]) != fold(needle[i])) return false;
  }
  return true;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && same_at(a, 0, b);
}

bool iends_with(std::string_view text, std::string_view suffix) noexcept {
  return text.size() >= suffix.size() && same_at(text, text.size() - suffix.size(), suffix);
}

std::size_t ifind(std::string_view text, std::string_view needle, std::size_t from) noexcept {
  if (needle.empty()) return from <= text.size() ? from : std::string_view::npos;
  if (needle.size() > text.size()) return std::string_view::npos;
  for (std::size_t at = from; at + needle.size() <= text.size(); ++at) {
    if (same_at(text, at, needle)) return at;
  }
  return std::string_view::npos;
}

}  // namespace horolog::winevent
