// `horolog check-config` through the real binary: exit codes and the error line format.
#include <gtest/gtest.h>

#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

TEST(CheckConfigCommand, NamesAMisspelledKeySuggestsTheRightOneAndGivesItsLine) {
  TempDir dir;
  write_file(dir / "typo.yaml",
             "timezone: UTC\n"
             "inputs:\n"
             "  - name: system\n"
             "    type: file\n"
             "    pahts: [\"/var/log/syslog\"]\n"
             "sinks:\n"
             "  - name: out\n"
             "    type: stdout\n");
  const auto result = run_process(
      {horolog_binary().string(), "check-config", "--config", (dir / "typo.yaml").string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("typo.yaml:5:"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("pahts"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("paths"), std::string::npos) << result.err;
}

TEST(CheckConfigCommand, AcceptsTheBundledDefaultConfig) {
  const auto result = run_process({horolog_binary().string(), "check-config", "--config",
                                   source_path("config/horolog.yaml").string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST(CheckConfigCommand, ListsEveryErrorNotOnlyTheFirst) {
  TempDir dir;
  write_file(dir / "bad.yaml",
             "timezone: Mars/Olympus\n"
             "log_level: loud\n"
             "sinks:\n"
             "  - name: out\n"
             "    type: file\n"
             "    max_size: 12 parsecs\n");
  const auto result = run_process(
      {horolog_binary().string(), "check-config", "--config", (dir / "bad.yaml").string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("bad.yaml:1:"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("bad.yaml:2:"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("bad.yaml:6:"), std::string::npos) << result.err;
}

TEST(ConfigReference, TheReadmeShowsTheReferenceOfTheCurrentDeclarations) {
  const auto result = run_process({horolog_binary().string(), "config-reference"});
  ASSERT_EQ(result.exit_code, 0);
  const std::string readme = read_file(source_path("README.md"));
  const std::string begin =
      "<!-- config-reference:begin (scripts/update-config-reference.sh) -->\n";
  const auto start = readme.find(begin);
  const auto stop = readme.find("<!-- config-reference:end -->");
  ASSERT_NE(start, std::string::npos);
  ASSERT_NE(stop, std::string::npos);
  EXPECT_EQ(readme.substr(start + begin.size(), stop - start - begin.size()), result.out)
      << "README.md is out of date: run scripts/update-config-reference.sh";
}

}  // namespace
}  // namespace horolog::test
