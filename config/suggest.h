// "Did you mean …?" for misspelled keys, type names and format names.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace horolog::config {

// The candidate closest to `word` by edit distance (a swap of two neighbours counts as one
// edit, letter case is ignored), or nullopt when none is close enough to be a likely typo.
std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates);

// " (did you mean `x`?)" or " (expected one of: `a`, `b`)": the tail of an error message.
std::string suggestion_suffix(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace horolog::config
