// One agent per data_dir: two real agents started on the same one, the second refused while the
// first runs, and the lock gone with the first even when it is killed with SIGKILL.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

namespace fs = std::filesystem;

// True once `path` holds `text`, polled until `timeout` passes.
bool wait_for_text(const fs::path& path, std::string_view text, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::error_code ec;
    if (fs::exists(path, ec) && read_file(path).find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

TEST(DataDirLock, SecondAgentIsRefusedWithTheDirectoryAndHolderPidUntilTheFirstIsKilled) {
  TempDir dir;
  fs::create_directories(dir / "logs");
  write_file(dir / "logs/a.log", "Nov 26 12:00:00 h app[1]: only once\n");
  const fs::path data_dir = dir / "var";
  write_file(dir / "horolog.yaml", "data_dir: " + data_dir.string() +
                                       "\n"
                                       "clock: {servers: []}\n"
                                       "timezone: UTC\n"
                                       "inputs:\n"
                                       "  - name: app\n"
                                       "    type: file\n"
                                       "    paths: [\"" +
                                       (dir / "logs/*.log").string() +
                                       "\"]\n"
                                       "    format: rfc3164\n"
                                       "sinks:\n"
                                       "  - name: out\n"
                                       "    type: file\n"
                                       "    path: " +
                                       (dir / "out.ndjson").string() + "\n");
  const std::vector<std::string> run_once = {horolog_binary().string(), "run", "--config",
                                             (dir / "horolog.yaml").string(), "--once"};
  BackgroundProcess first(
      {horolog_binary().string(), "run", "--config", (dir / "horolog.yaml").string()},
      (dir / "first.out").string(), (dir / "first.err").string());
  ASSERT_TRUE(wait_for_text(dir / "out.ndjson", "only once", std::chrono::seconds(20)))
      << read_file(dir / "first.err");

  const ProcessResult second = run_process(run_once);
  EXPECT_EQ(second.exit_code, 1) << second.err;
  EXPECT_NE(second.err.find(data_dir.string()), std::string::npos) << second.err;
  EXPECT_NE(second.err.find("pid " + std::to_string(first.pid())), std::string::npos) << second.err;
  EXPECT_EQ(split_lines(read_file(dir / "out.ndjson")).size(), 1u);  // nothing read twice

  EXPECT_EQ(first.stop(SIGKILL), -SIGKILL);
  const ProcessResult after_kill = run_process(run_once);
  EXPECT_EQ(after_kill.exit_code, 0) << after_kill.err;
}

}  // namespace
}  // namespace horolog::test
