// The agent against what real hosts do to log files, with the real binary: rename rotation and
// copytruncate under load, kill -9 and restart, and an output that cannot be written for a while.
// Lines carry sequence numbers; the output is read back and every number accounted for.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include "tests/support/process.h"
#include "tests/support/sequence_counts.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_seed.h"

namespace horolog::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class TailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "logs");
    fs::create_directories(dir_ / "out");
  }

  // A config reading logs/<pattern> into out/ (one file sink).
  void write_config(const std::string& pattern, const std::string& extra_input = "") {
    write_file(dir_ / "horolog.yaml", "data_dir: " + (dir_ / "var").string() +
                                          "\n"
                                          "clock: {servers: []}  # no NTP traffic from tests\n"
                                          "timezone: UTC\n"
                                          "log_level: warn\n"
                                          "inputs:\n"
                                          "  - name: app\n"
                                          "    type: file\n"
                                          "    paths: [\"" +
                                          (dir_ / "logs" / pattern).string() +
                                          "\"]\n"
                                          "    format: rfc3164\n"
                                          "    scan_interval: 100ms\n"
                                          "    rotate_wait: 1s\n" +
                                          extra_input +
                                          "sinks:\n"
                                          "  - name: out\n"
                                          "    type: file\n"
                                          "    path: " +
                                          (dir_ / "out/app.ndjson").string() + "\n");
  }

  // The n-th start writes its stdout and stderr to stdout.n and stderr.n.
  std::unique_ptr<BackgroundProcess> start_agent() {
    ++runs_;
    return std::make_unique<BackgroundProcess>(
        std::vector<std::string>{horolog_binary().string(), "run", "--config",
                                 (dir_ / "horolog.yaml").string()},
        (dir_ / ("stdout." + std::to_string(runs_))).string(),
        (dir_ / ("stderr." + std::to_string(runs_))).string());
  }

  // How often each sequence number appears in the output.
  std::map<long, int> sequence_counts() {
    std::map<long, int> counts;
    for (const auto& entry : fs::directory_iterator(dir_ / "out")) {
      count_sequences(read_file(entry.path()), counts);
    }
    return counts;
  }

  std::size_t output_lines() {
    std::size_t n = 0;
    for (const auto& entry : fs::directory_iterator(dir_ / "out")) {
      const std::string text = read_file(entry.path());
      n += static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    }
    return n;
  }

  // Waits until the output holds at least `n` lines (or a generous timeout passes).
  void wait_for_output(std::size_t n, std::chrono::seconds timeout = 120s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (output_lines() < n && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(100ms);
    }
  }

  TempDir dir_;
  int runs_ = 0;
};

// Appends `count` numbered lines starting at `first` to an open fd, in chunks of a few lines.
void write_lines(int fd, long first, long count) {
  std::string chunk;
  for (long seq = first; seq < first + count; ++seq) {
    chunk += "Nov 26 12:00:00 host app[1]: seq=" + std::to_string(seq) + " payload\n";
    if (chunk.size() > 4000 || seq + 1 == first + count) {
      ASSERT_EQ(::write(fd, chunk.data(), chunk.size()), static_cast<ssize_t>(chunk.size()));
      chunk.clear();
    }
  }
}

// Counts how many of [0, n) are missing and how many extra copies there are.
struct Tally {
  long missing = 0;
  long duplicated = 0;
};
Tally tally(const std::map<long, int>& counts, long n) {
  Tally t;
  for (long seq = 0; seq < n; ++seq) {
    auto it = counts.find(seq);
    if (it == counts.end())
      ++t.missing;
    else
      t.duplicated += it->second - 1;
  }
  return t;
}

TEST_F(TailTest, RenameRotationUnderLoadLosesAndDuplicatesNothing) {
  constexpr long kLines = 300'000;
  constexpr long kRotateEvery = 20'000;
  // Rotated files keep matching the glob (as logrotate's live.log.1, .2 …): the agent follows
  // each file by identity under its new name, however fast the writer rotates.
  write_config("live.log*");
  const fs::path live = dir_ / "logs/live.log";
  int fd = ::open(live.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  auto agent = start_agent();
  for (long seq = 0; seq < kLines; seq += kRotateEvery) {
    write_lines(fd, seq, kRotateEvery);
    // logrotate style: rename away (kept), create anew; the writer switches at once.
    ::close(fd);
    fs::rename(live, dir_ / ("logs/live.log." + std::to_string(seq / kRotateEvery + 1)));
    fd = ::open(live.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  }
  ::close(fd);
  wait_for_output(kLines);
  EXPECT_EQ(agent->stop(SIGTERM), 0) << read_file(dir_ / "stderr.1");
  const Tally t = tally(sequence_counts(), kLines);
  EXPECT_EQ(t.missing, 0);
  EXPECT_EQ(t.duplicated, 0);
}

TEST_F(TailTest, AFileRenamedAwayIsDrainedIncludingLinesWrittenAfterTheRename) {
  // Only the live name is matched; the renamed file is kept open until it has been quiet for
  // rotate_wait, so a writer that has not reopened yet loses nothing.
  write_config("live.log");
  const fs::path live = dir_ / "logs/live.log";
  const int old_fd = ::open(live.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  auto agent = start_agent();
  write_lines(old_fd, 0, 1000);
  wait_for_output(1000, 30s);
  fs::rename(live, dir_ / "logs/archived");
  std::this_thread::sleep_for(300ms);
  write_lines(old_fd, 1000, 500);  // the writer still holds the old file
  const int new_fd = ::open(live.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  write_lines(new_fd, 1500, 500);
  ::close(old_fd);
  ::close(new_fd);
  wait_for_output(2000, 30s);
  EXPECT_EQ(agent->stop(SIGTERM), 0);
  const Tally t = tally(sequence_counts(), 2000);
  EXPECT_EQ(t.missing, 0);
  EXPECT_EQ(t.duplicated, 0);
}

TEST_F(TailTest, CopytruncateRotationIsMeasured) {
  constexpr long kLines = 100'000;
  constexpr long kRotateEvery = 20'000;
  write_config("live.log");
  const fs::path live = dir_ / "logs/live.log";
  const int fd = ::open(live.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  auto agent = start_agent();
  // A steady writer (about 40 000 lines/s) and a copytruncate every 20 000 lines.
  for (long seq = 0; seq < kLines; seq += 200) {
    write_lines(fd, seq, 200);
    std::this_thread::sleep_for(5ms);
    if ((seq + 200) % kRotateEvery == 0) {
      fs::copy_file(live, dir_ / ("logs/copy." + std::to_string(seq / kRotateEvery + 1)));
      ASSERT_EQ(::ftruncate(fd, 0), 0);
    }
  }
  write_lines(fd, kLines, 1);  // a last line after the last truncation
  ::close(fd);
  wait_for_output(kLines + 1, 20s);
  EXPECT_EQ(agent->stop(SIGTERM), 0);
  const auto counts = sequence_counts();
  const Tally t = tally(counts, kLines + 1);
  // Lines written between the agent's last read and a truncation exist only in the copy: that
  // race is inherent to copytruncate (the window is one read pass, typically a few ms of
  // writing). Everything written after the truncation must arrive.
  std::printf("copytruncate: %ld of %ld lines lost, %ld duplicated\n", t.missing, kLines + 1,
              t.duplicated);
  EXPECT_EQ(counts.count(kLines), 1u) << "the line written after the last truncation";
  EXPECT_EQ(t.duplicated, 0);
  // The race window is the tail of each interval between truncations: within an interval the
  // lines that arrived are a prefix, and nothing after the first missing line arrived.
  for (long begin = 0; begin < kLines; begin += kRotateEvery) {
    bool gap = false;
    for (long seq = begin; seq < begin + kRotateEvery; ++seq) {
      const bool present = counts.count(seq) > 0;
      EXPECT_FALSE(gap && present) << "line " << seq << " arrived after a lost line before it";
      gap |= !present;
    }
  }
}

TEST_F(TailTest, KillNineAndRestartLosesNothingAndDuplicatesAreBounded) {
  constexpr long kLines = 200'000;
  write_config("live.log");
  const fs::path live = dir_ / "logs/live.log";
  const int fd = ::open(live.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  const TestSeed seed;
  std::mt19937_64 rng(seed.value());
  std::thread writer([&] {
    for (long seq = 0; seq < kLines; seq += 1000) {
      write_lines(fd, seq, 1000);
      std::this_thread::sleep_for(1ms);
    }
  });
  for (int kill_round = 0; kill_round < 5; ++kill_round) {
    auto agent = start_agent();
    // Killed at a random moment of its run; until then it must not exit on its own.
    const int run_ms = 200 + static_cast<int>(rng() % 600);
    int exit_code = 0;
    EXPECT_FALSE(agent->wait_exit(run_ms, exit_code))
        << "the agent exited with " << exit_code << " before its kill at " << run_ms << " ms";
    EXPECT_EQ(agent->stop(SIGKILL), -SIGKILL);
  }
  writer.join();
  ::close(fd);
  auto agent = start_agent();
  wait_for_output(kLines);
  EXPECT_EQ(agent->stop(SIGTERM), 0);
  const Tally t = tally(sequence_counts(), kLines);
  std::printf("kill -9 x5: %ld duplicated lines\n", t.duplicated);
  EXPECT_EQ(t.missing, 0);
  // The checkpoint is saved after every delivered batch, so a kill repeats at most the batches
  // in flight: 4 per file, each one read chunk of at most 1 MiB (these lines are > 40 bytes).
  constexpr long kLinesPerBatch = (1L << 20) / 40 + 1;
  EXPECT_LE(t.duplicated, 5L * 4 * kLinesPerBatch);
}

TEST_F(TailTest, UnwritableOutputPausesReadingAndLosesNothing) {
  constexpr long kLines = 20'000;
  write_config("live.log");
  // The sink's directory is a plain file for a while: every write fails (even for root).
  fs::remove(dir_ / "out");
  write_file(dir_ / "out", "not a directory");
  const int fd = ::open((dir_ / "logs/live.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  write_lines(fd, 0, kLines / 2);
  auto agent = start_agent();
  std::this_thread::sleep_for(1500ms);
  write_lines(fd, kLines / 2, kLines / 2);
  std::this_thread::sleep_for(1500ms);
  fs::remove(dir_ / "out");
  fs::create_directories(dir_ / "out");
  wait_for_output(kLines, 60s);
  EXPECT_EQ(agent->stop(SIGTERM), 0);
  ::close(fd);
  const auto counts = sequence_counts();
  EXPECT_EQ(counts.size(), static_cast<std::size_t>(kLines));
  EXPECT_NE(read_file(dir_ / "stderr.1").find("cannot write"), std::string::npos);
}

TEST_F(TailTest, RestartResumesFromTheCheckpointWithoutDuplicates) {
  write_config("live.log");
  const int fd = ::open((dir_ / "logs/live.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  write_lines(fd, 0, 1000);
  {
    auto agent = start_agent();
    wait_for_output(1000, 30s);
    EXPECT_EQ(agent->stop(SIGTERM), 0);
  }
  write_lines(fd, 1000, 1000);
  ::close(fd);
  auto agent = start_agent();
  wait_for_output(2000, 30s);
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(agent->stop(SIGTERM), 0);
  const auto counts = sequence_counts();
  EXPECT_EQ(counts.size(), 2000u);
  for (const auto& [seq, n] : counts) EXPECT_EQ(n, 1) << "seq " << seq;
}

}  // namespace
}  // namespace horolog::test
