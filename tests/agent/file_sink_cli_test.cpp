// `horolog run --once` into a file sink whose outputs cannot be written as the events name them:
// a host name longer than a file name may be, more hosts than descriptors, an output that is a
// symlink; and outputs left behind by a crash or by someone else. The agent must finish, write
// what it can, account for the rest, and cut nothing but what it wrote itself.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

namespace fs = std::filesystem;

// An RFC 5424 line from `host`.
std::string line_from(const std::string& host, int n) {
  return "<34>1 2026-11-26T12:00:00Z " + host + " app 1 - - message " + std::to_string(n) + "\n";
}

// dir/horolog.yaml: logs/in.log (RFC 5424) into one file sink writing `sink_path`.
void write_config(const TempDir& dir, const std::string& sink_path) {
  write_file(dir / "horolog.yaml", "data_dir: " + (dir / "var").string() +
                                       "\n"
                                       "clock: {servers: []}  # no NTP traffic from tests\n"
                                       "timezone: UTC\n"
                                       "inputs:\n"
                                       "  - name: in\n"
                                       "    type: file\n"
                                       "    paths: [\"" +
                                       (dir / "logs/in.log").string() +
                                       "\"]\n"
                                       "    format: rfc5424\n"
                                       "sinks:\n"
                                       "  - name: out\n"
                                       "    type: file\n"
                                       "    path: " +
                                       sink_path + "\n");
}

struct RunResult {
  int exit_code = -1;  // -1: still running after the limit (killed)
  std::string out;
  std::string err;
};

// `horolog run --once`, optionally under `prefix` (e.g. prlimit), killed if it does not finish.
RunResult run_once(const TempDir& dir, std::vector<std::string> prefix = {}) {
  std::vector<std::string> argv = std::move(prefix);
  for (const std::string& arg :
       {horolog_binary().string(), std::string("run"), std::string("--config"),
        (dir / "horolog.yaml").string(), std::string("--once")}) {
    argv.push_back(arg);
  }
  RunResult result;
  {
    BackgroundProcess agent(argv, (dir / "stdout").string(), (dir / "stderr").string());
    if (!agent.wait_exit(60'000, result.exit_code)) {
      agent.stop(SIGKILL);
      result.exit_code = -1;
    }
  }
  result.out = read_file(dir / "stdout");
  result.err = read_file(dir / "stderr");
  return result;
}

std::size_t count_lines(const fs::path& dir) {
  std::size_t lines = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) lines += split_lines(read_file(entry.path())).size();
  }
  return lines;
}

TEST(FileSinkCli, AHostNameOf250CharactersDoesNotStallTheAgent) {
  TempDir dir;
  fs::create_directories(dir / "logs");
  write_file(dir / "logs/in.log", line_from(std::string(250, 'h'), 1) + line_from("web1", 2));
  write_config(dir, (dir / "out/{host}.ndjson").string());
  const RunResult result = run_once(dir);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(count_lines(dir / "out"), 2u);
  EXPECT_EQ(split_lines(read_file(dir / "out/web1.ndjson")).size(), 1u);
}

TEST(FileSinkCli, AThousandHostsAreAllWrittenUnderADescriptorLimitOf256) {
  TempDir dir;
  fs::create_directories(dir / "logs");
  std::string lines;
  for (int i = 0; i < 1000; ++i) lines += line_from("host-" + std::to_string(i), i);
  write_file(dir / "logs/in.log", lines);
  write_config(dir, (dir / "out/{host}.ndjson").string());
  const RunResult result = run_once(dir, {"prlimit", "--nofile=256"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(count_lines(dir / "out"), 1000u);
  EXPECT_NE(read_file(dir / "out/host-999.ndjson").find("message 999"), std::string::npos);
}

TEST(FileSinkCli, EventsWhoseOutputFailsForGoodAreDeadLetteredAndCounted) {
  TempDir dir;
  fs::create_directories(dir / "logs");
  fs::create_directories(dir / "out");
  write_file(dir / "logs/in.log", line_from("web1", 1) + line_from("web2", 2));
  write_file(dir / "elsewhere.log", "not ours\n");
  fs::create_symlink(dir / "elsewhere.log", dir / "out/web1.ndjson");
  write_config(dir, (dir / "out/{host}.ndjson").string());
  const RunResult result = run_once(dir);
  // Nothing is lost, but a one-shot job that could not write an event where asked says so.
  ASSERT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("1 event(s) dead-lettered"), std::string::npos) << result.err;
  EXPECT_EQ(read_file(dir / "elsewhere.log"), "not ours\n");
  EXPECT_EQ(split_lines(read_file(dir / "out/web2.ndjson")).size(), 1u);
  // The default dead-letter file lies under data_dir, named after the sink.
  const std::string dead = read_file(dir / "var/file-sink-out-dead-letter.ndjson");
  EXPECT_EQ(split_lines(dead).size(), 1u) << dead;
  EXPECT_NE(dead.find("\"code\":\"ELOOP\""), std::string::npos) << dead;
  EXPECT_NE(dead.find("message 1"), std::string::npos) << dead;
  EXPECT_NE(result.out.find("1 event(s) dead-lettered"), std::string::npos) << result.out;
  EXPECT_NE(result.err.find((dir / "out/web1.ndjson").string()), std::string::npos) << result.err;
}

TEST(FileSinkCli, ARestartCutsOnlyWhatACrashLeftAfterTheLastAcknowledgedBatch) {
  TempDir dir;
  fs::create_directories(dir / "logs");
  fs::create_directories(dir / "out");
  write_file(dir / "out/other.ndjson", "a line of someone else's\nwithout its end");
  write_file(dir / "logs/in.log", line_from("web1", 1) + line_from("other", 2));
  write_config(dir, (dir / "out/{host}.ndjson").string());
  RunResult result = run_once(dir);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string delivered = read_file(dir / "out/web1.ndjson");
  // What a kill during the next batch leaves: part of a line after the acknowledged ones.
  write_file(dir / "out/web1.ndjson", delivered + "{\"@timestamp\":\"2026-");
  write_file(dir / "logs/in.log",
             line_from("web1", 1) + line_from("other", 2) + line_from("web1", 3));
  result = run_once(dir);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string web1 = read_file(dir / "out/web1.ndjson");
  EXPECT_TRUE(web1.starts_with(delivered)) << web1;
  ASSERT_EQ(split_lines(web1).size(), 2u) << web1;
  EXPECT_NE(split_lines(web1)[1].find("message 3"), std::string::npos) << web1;
  EXPECT_NE(result.err.find("repaired " + (dir / "out/web1.ndjson").string() + ": cut 20 byte(s)"),
            std::string::npos)
      << result.err;
  // The file it found without a final newline is kept whole; its line stays apart from ours.
  const std::string other = read_file(dir / "out/other.ndjson");
  EXPECT_TRUE(other.starts_with("a line of someone else's\nwithout its end\n{")) << other;
}

}  // namespace
}  // namespace horolog::test
