// Reads HOROLOG_TEST_SEED once per randomized test and makes the seed part of every failure.
#include "tests/support/test_seed.h"

#include <cerrno>
#include <cstdlib>

namespace horolog::test {
namespace {

constexpr const char* kVariable = "HOROLOG_TEST_SEED";

std::uint64_t seed_from_environment() {
  const char* text = std::getenv(kVariable);
  if (text == nullptr || *text == '\0') return kDefaultTestSeed;
  char* end = nullptr;
  errno = 0;
  const unsigned long long value = std::strtoull(text, &end, 10);
  if (errno != 0 || *end != '\0' || *text == '-') {
    ADD_FAILURE() << kVariable << "=" << text << " is not a decimal number below 2^64";
    return kDefaultTestSeed;
  }
  return value;
}

std::string note_for(std::uint64_t seed) {
  const std::string assignment = std::string(kVariable) + "=" + std::to_string(seed);
  std::string filter = "<test>";
  if (const testing::TestInfo* info = testing::UnitTest::GetInstance()->current_test_info()) {
    filter = std::string(info->test_suite_name()) + "." + info->name();
  }
  // program_invocation_name (glibc) is the test binary as it was started, e.g. by ctest.
  return assignment + "; rerun: " + assignment + " " + program_invocation_name +
         " --gtest_filter='" + filter + "'";
}

}  // namespace

TestSeed::TestSeed(std::source_location where)
    : value_(seed_from_environment()),
      note_(note_for(value_)),
      trace_(where.file_name(), static_cast<int>(where.line()), note_) {
  testing::Test::RecordProperty(kVariable, std::to_string(value_));
}

}  // namespace horolog::test
