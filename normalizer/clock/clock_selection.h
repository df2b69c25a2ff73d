// Selection across servers (RFC 5905 §11.2.1, Marzullo's intersection): which servers'
// correctness intervals [theta - lambda, theta + lambda] a majority agree on, the falsetickers
// outside it, and the survivors combined into one offset with an error bound.
#pragma once

#include <span>
#include <vector>

#include "normalizer/time_types.h"

namespace horolog {

struct SelectionCandidate {
  Nanoseconds offset{0};         // theta
  Nanoseconds root_distance{0};  // lambda
};

struct SelectionResult {
  // True when more than half of the candidates share a point of their intervals.
  bool trustworthy = false;
  // Survivors combined, weighted by 1/lambda.
  Nanoseconds offset{0};
  // The true offset lies in [low, high] if the majority is honest; error_bound is the larger
  // distance from `offset` to either end.
  Nanoseconds low{0};
  Nanoseconds high{0};
  Nanoseconds error_bound{0};
  // One entry per candidate, in input order: true for a truechimer (survivor).
  std::vector<bool> truechimer;
  int falsetickers = 0;
};

SelectionResult select_truechimers(std::span<const SelectionCandidate> candidates);

}  // namespace horolog
