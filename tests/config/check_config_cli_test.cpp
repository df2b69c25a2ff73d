// `horolog check-config` as a user runs it: the real binary, its exit code, and which stream
// gets what. The exact text of each error kind is pinned in-process by
// check_config_command_test.cpp.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog {
namespace {

TEST(CheckConfigCli, MisspelledKeyIsNamedWithSuggestionAndLine) {
  const auto config = test::source_path("tests/data/config/misspelled_key.yaml");
  const test::ProcessResult result = test::run_process(
      {test::horolog_binary().string(), "check-config", "--config", config.string()});
  EXPECT_EQ(result.exit_code, 2) << result.err;
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
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("bad.yaml:1:"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("bad.yaml:2:"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("bad.yaml:6:"), std::string::npos) << result.err;
  EXPECT_EQ(result.out, "");
}

// Everything `run` would refuse when it builds the inputs and sinks is found by check-config
// first, at the key that causes it, and both commands exit 2 with the same lines.
TEST(CheckConfigCli, ReportsWhatRunRefusesAndBothExitWith2) {
  test::TempDir dir;
  test::write_file(dir / "bad.yaml",
                   "data_dir: var\n"                     // 1
                   "clock: {servers: []}\n"              // 2
                   "inputs:\n"                           // 3
                   "  - name: app\n"                     // 4
                   "    type: file\n"                    // 5
                   "    paths: [\"logs/*.log\"]\n"       // 6
                   "    format: regex\n"                 // 7
                   "    pattern: '(?P<x>a)\\1'\n"        // 8
                   "    time_format: [\"%Q\"]\n"         // 9
                   "    scan_interval: 0s\n"             // 10
                   "sinks:\n"                            // 11
                   "  - name: archive\n"                 // 12
                   "    type: file\n"                    // 13
                   "    path: out/{inptu}.ndjson\n"      // 14
                   "  - name: siem\n"                    // 15
                   "    type: kafka\n"                   // 16
                   "    brokers: 127.0.0.1:1\n"          // 17
                   "    topic: \"logs.%Q\"\n"            // 18
                   "    librdkafka: {acks: banana}\n");  // 19
  const std::vector<std::string> lines = {
      "bad.yaml:8:5: inputs[0].pattern: pattern '(?P<x>a)\\1': ",
      "bad.yaml:9:5: inputs[0].time_format: time format '%Q'",
      "bad.yaml:10:5: inputs[0].scan_interval: must be more than 0s",
      "bad.yaml:14:5: sinks[0].path: unknown field {inptu}",
      "bad.yaml:18:5: sinks[1].topic: unsupported field %Q",
      "bad.yaml:19:5: sinks[1].librdkafka: librdkafka property acks: ",
  };
  const std::string binary = test::horolog_binary().string();
  const test::ProcessResult check = test::run_process(
      {binary, "check-config", "--config", "bad.yaml"}, {}, {}, dir.path().string());
  const test::ProcessResult run = test::run_process(
      {binary, "run", "--once", "--config", "bad.yaml"}, {}, {}, dir.path().string());
  EXPECT_EQ(check.exit_code, 2) << check.err;
  EXPECT_EQ(run.exit_code, 2) << run.err;
  for (const std::string& line : lines) {
    EXPECT_NE(check.err.find(line), std::string::npos) << line << "\n" << check.err;
    EXPECT_NE(run.err.find(line), std::string::npos) << line << "\n" << run.err;
  }
  EXPECT_NE(check.err.find("bad.yaml: 6 errors"), std::string::npos) << check.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out"));
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
