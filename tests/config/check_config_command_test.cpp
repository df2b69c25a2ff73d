// check-config: compiler-style error lines (FILE:LINE:COL: PATH: message) and exit code 2, or a
// summary and exit code 0.
#include "agent/commands/check_config_command.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/support/test_paths.h"

namespace horolog {
namespace {

TEST(CheckConfig, NamesMisspelledKeySuggestsTheRightOneAndGivesItsLine) {
  const auto config = test::source_path("tests/data/config/misspelled_key.yaml");
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(check_config_command(config, out, err), 2);
  EXPECT_NE(err.str().find(config.string() +
                           ":9:5: inputs[0].pahts: unknown key `pahts` (did you mean `paths`?)\n"),
            std::string::npos)
      << err.str();
  EXPECT_TRUE(out.str().empty());
}

TEST(CheckConfig, ListsEveryErrorAndCountsThem) {
  test::TempDir dir;
  const auto config = dir / "bad.yaml";
  test::write_file(config,
                   "log_level: loud\n"
                   "inputs:\n"
                   "  - {name: a, type: file, paths: [x], format: syslg}\n"
                   "sinks:\n"
                   "  - {name: b, type: elastic}\n");
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(check_config_command(config, out, err), 2);
  const std::string prefix = config.string();
  EXPECT_EQ(err.str(),
            prefix +
                ":1:1: log_level: unknown value `loud` (expected one of: `trace`, `debug`, "
                "`info`, `warn`, `error`)\n" +
                prefix +
                ":3:39: inputs[0].format: unknown format `syslg` (did you mean "
                "`syslog`?)\n" +
                prefix +
                ":5:15: sinks[0].type: unknown sink type `elastic` (expected one of: "
                "`file`, `stdout`, `kafka`, `syslog`)\n" +
                prefix + ": 3 errors\n");
}

TEST(CheckConfig, ValidConfigPrintsSummaryAndSucceeds) {
  std::ostringstream out;
  std::ostringstream err;
  const auto config = test::source_path("config/examples/full.yaml");
  EXPECT_EQ(check_config_command(config, out, err), 0) << err.str();
  EXPECT_EQ(out.str(), config.string() +
                           ": OK\n"
                           "  4 inputs: system (file) app (file) events (file) journal (journald)\n"
                           "  3 sinks: archive (file) console (stdout) siem (kafka)\n");
  EXPECT_TRUE(err.str().empty());
}

TEST(CheckConfig, UnreadableFileFailsWithoutPosition) {
  test::TempDir dir;
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(check_config_command(dir / "absent.yaml", out, err), 2);
  EXPECT_EQ(err.str().rfind((dir / "absent.yaml").string() + ": cannot read the file: ", 0), 0u)
      << err.str();
}

}  // namespace
}  // namespace horolog
