// `horolog run --once` says when it could not do all of its work: a file it may not read, a
// FIFO, a directory or a symlink loop matched by a glob, an EVTX file cut short; each reported
// once, counted in the summary, and the run ends with exit status 1. A named file that does not
// exist yet is not an error.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kLine = "Nov 26 12:00:01 web1 app[1]: readable\n";

// One input reading `pattern` (rfc3164, UTC) into dir/out/app.ndjson.
void write_config(const TempDir& dir, const std::string& pattern, std::string_view format) {
  write_file(dir / "horolog.yaml", "data_dir: " + (dir / "var").string() +
                                       "\nclock: {servers: []}\ntimezone: UTC\n"
                                       "inputs:\n  - name: app\n    type: file\n    paths: [\"" +
                                       pattern + "\"]\n    format: " + std::string(format) +
                                       "\nsinks:\n  - name: out\n    type: file\n    path: " +
                                       (dir / "out/app.ndjson").string() + "\n");
}

std::size_t occurrences(std::string_view text, std::string_view part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

ProcessResult run_once(const TempDir& dir, std::vector<std::string> prefix = {}) {
  prefix.insert(prefix.end(), {horolog_binary().string(), "run", "--config",
                               (dir / "horolog.yaml").string(), "--once"});
  return run_process(prefix);
}

TEST(RunReadErrors, AFileItMayNotReadIsNamedAsSuchAndTheRunExitsOne) {
  TempDir dir;
  fs::create_directories(dir / "logs");
  write_file(dir / "logs/secret.log", kLine);
  write_file(dir / "logs/open.log", kLine);
  ::chmod((dir / "logs/secret.log").c_str(), 0600);
  write_config(dir, (dir / "logs/*.log").string(), "rfc3164");
  std::vector<std::string> prefix;
  if (::geteuid() == 0) {
    // Root reads anything: run the agent as nobody, with its directories open to it.
    if (!fs::exists("/usr/bin/setpriv")) GTEST_SKIP() << "setpriv (util-linux) is absent";
    fs::permissions(dir.path(), fs::perms::all, fs::perm_options::add);
    fs::permissions(dir / "logs", fs::perms::all, fs::perm_options::add);
    fs::permissions(dir / "logs/open.log", fs::perms::others_read, fs::perm_options::add);
    prefix = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"};
  } else {
    ::chmod((dir / "logs/secret.log").c_str(), 0000);
  }
  const ProcessResult result = run_once(dir, prefix);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(occurrences(result.err, "secret.log: Permission denied"), 1u) << result.err;
  EXPECT_NE(result.out.find("1 read error(s)"), std::string::npos) << result.out;
  EXPECT_EQ(split_lines(read_file(dir / "out/app.ndjson")).size(), 1u)
      << "the readable file is still read";
}

TEST(RunReadErrors, EachPathAGlobMatchesThatIsNoRegularFileIsReportedOnce) {
  TempDir dir;
  fs::create_directories(dir / "logs/dir.log");
  write_file(dir / "logs/good.log", kLine);
  ASSERT_EQ(::mkfifo((dir / "logs/fifo.log").c_str(), 0600), 0);
  fs::create_symlink(dir / "logs/loop.log", dir / "logs/loop.log");
  write_config(dir, (dir / "logs/*.log").string(), "rfc3164");
  const ProcessResult result = run_once(dir);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(occurrences(result.err, "dir.log: a directory"), 1u) << result.err;
  EXPECT_EQ(occurrences(result.err, "fifo.log: a FIFO"), 1u) << result.err;
  EXPECT_EQ(occurrences(result.err, "loop.log: Too many levels of symbolic links"), 1u)
      << result.err;
  EXPECT_NE(result.out.find("3 read error(s)"), std::string::npos) << result.out;
  EXPECT_EQ(split_lines(read_file(dir / "out/app.ndjson")).size(), 1u);
}

TEST(RunReadErrors, AnEvtxFileCutShortSaysWhatWasNotReadAndTheRunExitsOne) {
  TempDir dir;
  fs::create_directories(dir / "logs");
  const std::string evtx =
      read_file(source_path("tests/data/winevent/security_short_selected.evtx"));
  write_file(dir / "logs/cut.evtx", evtx.substr(0, 4096 + 30000));
  write_config(dir, (dir / "logs/cut.evtx").string(), "evtx");
  const ProcessResult result = run_once(dir);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("cut.evtx: the last chunk is cut short"), std::string::npos)
      << result.err;
}

TEST(RunReadErrors, ANamedFileThatDoesNotExistYetIsSaidButIsNoError) {
  TempDir dir;
  write_config(dir, (dir / "logs/later.log").string(), "rfc3164");
  const ProcessResult result = run_once(dir);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("later.log does not exist (yet)"), std::string::npos) << result.err;
  EXPECT_NE(result.out.find("0 read error(s)"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace horolog::test
