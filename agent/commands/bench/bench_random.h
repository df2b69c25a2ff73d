// The benchmark generators' random source: SplitMix64 with a fixed seed, so every run and every
// platform generates the same bytes (std:: distributions are not specified bit for bit).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace horolog {

class BenchRandom {
 public:
  explicit BenchRandom(std::uint64_t seed) noexcept : state_(seed) {}

  std::uint64_t next() noexcept {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [low, high]; the modulo bias is irrelevant for test data.
  std::int64_t between(std::int64_t low, std::int64_t high) noexcept {
    return low + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(high - low + 1));
  }
  bool chance(unsigned percent) noexcept { return next() % 100 < percent; }
  std::string_view pick(std::span<const std::string_view> items) noexcept {
    return items[next() % items.size()];
  }

 private:
  std::uint64_t state_;
};

}  // namespace horolog
