// Optimal-string-alignment distance: small inputs (keys, names), so a plain table is enough.
#include "config/suggest.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace horolog::config {

namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::size_t> d((n + 1) * (m + 1));
  auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * (m + 1) + j]; };
  for (std::size_t i = 0; i <= n; ++i) at(i, 0) = i;
  for (std::size_t j = 0; j <= m; ++j) at(0, j) = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1])) {
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
      }
    }
  }
  return at(n, m);
}

// Beyond this many edits a suggestion is more likely to confuse than to help.
std::size_t max_edits(std::string_view word) {
  if (word.size() <= 3) return 1;
  if (word.size() <= 8) return 2;
  return 3;
}

}  // namespace

std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates) {
  std::optional<std::string_view> best;
  std::size_t best_distance = max_edits(word) + 1;
  for (std::string_view candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string suggestion_suffix(std::string_view word, std::span<const std::string_view> candidates) {
  if (candidates.empty()) return {};
  if (auto match = closest_match(word, candidates)) {
    return " (did you mean `" + std::string(*match) + "`?)";
  }
  std::string text = " (expected one of: ";
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (i > 0) text += ", ";
    text += "`" + std::string(candidates[i]) + "`";
  }
  return text + ")";
}

}  // namespace horolog::config
