// The intersection algorithm of RFC 5905 §11.2.1 in the form ntpd uses today: endpoints only;
// the RFC's extra midpoint rule rejects sound majorities whose members have unequal widths.
#include "normalizer/clock/clock_selection.h"

#include <algorithm>

namespace horolog {
namespace {

struct Edge {
  Nanoseconds value;
  int type;  // -1 lower end, +1 upper end
};

}  // namespace

SelectionResult select_truechimers(std::span<const SelectionCandidate> candidates) {
  SelectionResult result;
  const int n = static_cast<int>(candidates.size());
  result.truechimer.assign(candidates.size(), false);
  if (n == 0) return result;

  std::vector<Edge> edges;
  edges.reserve(candidates.size() * 2);
  for (const SelectionCandidate& c : candidates) {
    const Nanoseconds lambda = std::max(c.root_distance, Nanoseconds{0});
    edges.push_back({c.offset - lambda, -1});
    edges.push_back({c.offset + lambda, +1});
  }
  // Lower ends before upper ends at equal values, so touching intervals meet.
  std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) {
    return a.value != b.value ? a.value < b.value : a.type < b.type;
  });

  bool found_interval = false;
  Nanoseconds low{0};
  Nanoseconds high{0};
  for (int allow = 0; 2 * allow < n; ++allow) {
    int chime = 0;
    bool have_low = false;
    for (const Edge& e : edges) {
      chime -= e.type;
      if (chime >= n - allow) {
        low = e.value;
        have_low = true;
        break;
      }
    }
    chime = 0;
    bool have_high = false;
    for (std::size_t i = edges.size(); i-- > 0;) {
      chime += edges[i].type;
      if (chime >= n - allow) {
        high = edges[i].value;
        have_high = true;
        break;
      }
    }
    if (!have_low || !have_high) continue;
    if (high >= low) {
      found_interval = true;
      break;
    }
  }
  if (!found_interval) return result;

  double weight_sum = 0.0;
  double weighted = 0.0;
  int survivors = 0;
  for (int i = 0; i < n; ++i) {
    const SelectionCandidate& c = candidates[static_cast<std::size_t>(i)];
    const Nanoseconds lambda = std::max(c.root_distance, Nanoseconds{1});
    if (c.offset + lambda < low || c.offset - lambda > high) {
      ++result.falsetickers;
      continue;
    }
    result.truechimer[static_cast<std::size_t>(i)] = true;
    ++survivors;
    const double w = 1.0 / static_cast<double>(lambda.count());
    weight_sum += w;
    weighted += w * static_cast<double>(c.offset.count());
  }
  result.trustworthy = 2 * survivors > n;
  result.low = low;
  result.high = high;
  result.offset = Nanoseconds{static_cast<std::int64_t>(weighted / weight_sum)};
  result.offset = std::clamp(result.offset, low, high);
  result.error_bound = std::max(result.offset - low, high - result.offset);
  return result;
}

}  // namespace horolog
