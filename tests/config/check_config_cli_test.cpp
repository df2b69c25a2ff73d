// `horolog check-config` as a user runs it: the real binary, its exit code, and which stream
// gets what. The exact text of each error kind is pinned in-process by
// check_config_command_test.cpp.
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
  EXPECT_EQ(result.out, "");
}

TEST(CheckConfigCli, ListsEveryErrorNotOnlyTheFirst) {
  test::TempDir dir;
  test::write_file(dir / "bad.yaml",
                   "timezone: Mars/Olympus\n"
                   "log_level: loud\n"
                   "sinks:\n"
                   "  - name: out\n"
                   "    type: file\n"
                   "    max_size: 12 parsecs\n");
  const test::ProcessResult result = test::run_process(
      {test::horolog_binary().string(), "check-config", "--config", (dir / "bad.yaml").string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("bad.yaml:1:"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("bad.yaml:2:"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("bad.yaml:6:"), std::string::npos) << result.err;
  EXPECT_EQ(result.out, "");
}

TEST(CheckConfigCli, BundledConfigIsValid) {
  const auto config = test::source_path("config/horolog.yaml");
  const test::ProcessResult result = test::run_process(
      {test::horolog_binary().string(), "check-config", "--config", config.string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find(": OK"), std::string::npos) << result.out;
  EXPECT_EQ(result.err, "");
}

}  // namespace
}  // namespace horolog
