// The seed of every randomized test: HOROLOG_TEST_SEED when set, else one fixed default, so a
// plain run (CI) is reproducible and any failure, with any seed, can be replayed exactly.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <source_location>
#include <string>

namespace horolog::test {

// What a run without HOROLOG_TEST_SEED uses.
inline constexpr std::uint64_t kDefaultTestSeed = 20261126;

// Declare one at the top of a randomized test and seed its generator with value(). For the rest
// of the test's scope every failure message names the seed and the command that reruns the test
// with it (a gtest trace), and the seed is recorded as the test property HOROLOG_TEST_SEED (in
// --gtest_output=xml/json reports). A HOROLOG_TEST_SEED that is not a decimal number fails the
// test rather than silently running the default.
class TestSeed {
 public:
  explicit TestSeed(std::source_location where = std::source_location::current());
  TestSeed(const TestSeed&) = delete;
  TestSeed& operator=(const TestSeed&) = delete;

  std::uint64_t value() const noexcept { return value_; }
  // "HOROLOG_TEST_SEED=<n>; rerun: HOROLOG_TEST_SEED=<n> <test binary> --gtest_filter=<test>".
  const std::string& note() const noexcept { return note_; }

 private:
  std::uint64_t value_;
  std::string note_;
  ::testing::ScopedTrace trace_;
};

}  // namespace horolog::test
