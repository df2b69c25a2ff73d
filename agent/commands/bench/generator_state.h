// What every benchmark line generator carries from one line to the next: the seeded random
// source and the clock of the generated log, which only moves forward (as in a real file).
#pragma once

#include <cstdint>
#include <string>

#include "agent/commands/bench/bench_random.h"

namespace horolog {

struct GeneratorState {
  explicit GeneratorState(std::uint64_t seed, std::int64_t start_unix_us) noexcept
      : random(seed), unix_us(start_unix_us) {}

  // Moves the log's clock on by up to `max_ms` milliseconds (bursts of equal stamps included).
  void tick(std::int64_t max_ms) noexcept { unix_us += random.between(0, max_ms * 1000); }

  BenchRandom random;
  std::int64_t unix_us;
};

// Appends one line of a format, '\n' included.
using LineGenerator = void (*)(GeneratorState& state, std::string& out);

}  // namespace horolog
