// `horolog check-config` as a user runs it: the real binary, its exit code and its stderr.
#include <gtest/gtest.h>

#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog {
namespace {

TEST(CheckConfigCli, MisspelledKeyIsNamedWithSuggestionAndLine) {
  const auto config = test::source_path("tests/data/config/misspelled_key.yaml");
  const test::ProcessResult result = test::run_process(
      {test::horolog_binary().string(), "check-config", "--config", config.string()});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find(config.string() +
                            ":9:5: inputs[0].pahts: unknown key `pahts` (did you mean `paths`?)"),
            std::string::npos)
      << result.err;
}

TEST(CheckConfigCli, BundledConfigIsValid) {
  const auto config = test::source_path("config/horolog.yaml");
  const test::ProcessResult result = test::run_process(
      {test::horolog_binary().string(), "check-config", "--config", config.string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find(": OK"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace horolog
