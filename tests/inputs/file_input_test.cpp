// The file input in process against what hosts do to log files: rename rotation, copytruncate,
// inode reuse, restarts from a checkpoint and lines written in pieces. Every line carries a
// sequence number, so each one is accounted for.
#include "agent/inputs/file/file_input.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "agent/engine/batch_writer.h"
#include "agent/engine/checkpoint_store.h"
#include "agent/engine/input_runner.h"
#include "agent/engine/run_stats.h"
#include "agent/engine/sink_set.h"
#include "tests/inputs/input_harness.h"
#include "tests/support/test_paths.h"

namespace horolog {
namespace {

namespace fs = std::filesystem;
using test::eventually;
using test::Following;
using test::RecordingSink;
using test::run_input;
using namespace std::chrono_literals;

constexpr auto kScanInterval = 100ms;
// rotate_wait counts from the file's last data: long against the few milliseconds between the
// input reading a file and a test writing to it after its rename, short enough to wait for.
constexpr auto kRotateWait = 500ms;

// The message of line `seq` as the parser reports it: what tells a whole line from a piece.
std::string message_of(long seq) { return "seq=" + std::to_string(seq) + " payload"; }

std::string line_text(long seq) {
  return "Nov 26 12:00:00 testhost app[1]: " + message_of(seq) + "\n";
}

std::string lines_text(long first, long count) {
  std::string text;
  for (long seq = first; seq < first + count; ++seq) text += line_text(seq);
  return text;
}

std::vector<long> range(long first, long end) {
  std::vector<long> seqs;
  for (long seq = first; seq < end; ++seq) seqs.push_back(seq);
  return seqs;
}

std::vector<long> concat(std::vector<long> a, const std::vector<long>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// One delivered event, as read back from its NDJSON line.
struct Delivered {
  long seq = -1;  // -1: not one of the test's lines, whole (a piece of one, or two glued)
  std::string message;
  std::uint64_t offset = 0;
};

std::vector<Delivered> parse(const std::vector<std::string>& lines) {
  std::vector<Delivered> out;
  simdjson::dom::parser parser;
  for (const std::string& line : lines) {
    simdjson::dom::element doc;
    std::string_view message;
    std::uint64_t offset = 0;
    if (parser.parse(line).get(doc) || doc["message"].get(message) ||
        doc["log"]["offset"].get(offset)) {
      ADD_FAILURE() << "unexpected output line: " << line;
      continue;
    }
    Delivered d;
    d.message = message;
    d.offset = offset;
    if (message.starts_with("seq=")) {
      long seq = -1;
      std::from_chars(message.data() + 4, message.data() + message.size(), seq);
      if (message == message_of(seq)) d.seq = seq;
    }
    EXPECT_NE(d.seq, -1) << "not a whole line: " << message;
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<long> sequences(const std::vector<std::string>& lines) {
  std::vector<long> seqs;
  for (const Delivered& d : parse(lines)) seqs.push_back(d.seq);
  return seqs;
}

// A program writing its log: it keeps the file open for appending, through renames.
class LogWriter {
 public:
  explicit LogWriter(const fs::path& path)
      : fd_(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) {
    if (fd_ < 0) throw std::runtime_error("cannot open " + path.string());
  }
  ~LogWriter() { ::close(fd_); }
  LogWriter(const LogWriter&) = delete;
  LogWriter& operator=(const LogWriter&) = delete;

  // One write(2), so the input sees all of it or none (the tests' writes stay within a page).
  void write(std::string_view text) {
    ASSERT_EQ(::write(fd_, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  }
  void write_lines(long first, long count) { write(lines_text(first, count)); }
  void truncate() { ASSERT_EQ(::ftruncate(fd_, 0), 0); }

 private:
  int fd_;
};

class FileInputTest : public ::testing::Test {
 protected:
  FileInputTest() {
    fs::create_directories(logs_);
    auto sink = std::make_unique<RecordingSink>(sinks_.ack_callback());
    sink_ = sink.get();
    sinks_.add("recording", std::move(sink));
  }

  // An input `app` reading logs/`pattern` as rfc3164 in UTC, writing synchronously to the sink.
  std::unique_ptr<FileInput> make_input(const std::string& pattern,
                                        CheckpointStore* checkpoints = nullptr,
                                        std::size_t max_batches_in_flight = 4) {
    InputConfig config;
    config.name = "app";
    config.type = "file";
    config.format = "rfc3164";
    config.timezone = "UTC";
    FileInputOptions options;
    options.paths = {(logs_ / pattern).string()};
    options.scan_interval = scan_interval_;
    options.rotate_wait = kRotateWait;
    InputEnvironment env{Zone::utc(), "testhost", stats_, checkpoints};
    env.max_batches_in_flight = max_batches_in_flight;
    return std::make_unique<FileInput>(config, options, env);
  }

  bool delivered_at_least(std::size_t lines) {
    return eventually([&] { return sink_->size() >= lines; });
  }

  static struct stat stat_of(const fs::path& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st;
  }

  test::TempDir dir_;
  const fs::path logs_ = dir_ / "logs";
  const fs::path state_ = dir_ / "state";  // the checkpoint store's directory
  const fs::path live_ = logs_ / "app.log";
  std::chrono::milliseconds scan_interval_ = kScanInterval;
  SinkSet sinks_;
  RecordingSink* sink_ = nullptr;
  RunStats stats_;
  std::atomic<bool> no_stop_{false};  // for reading once
};

TEST_F(FileInputTest, FollowsRenameRotationWithoutLosingOrRepeatingLines) {
  // Only the live name matches: after the rename the old file is known by its identity alone.
  CheckpointStore checkpoints(state_);
  LogWriter old_writer(live_);
  old_writer.write_lines(0, 100);
  const struct stat old_file = stat_of(live_);
  auto input = make_input("app.log", &checkpoints);
  {
    Following following(*input, *sink_, sinks_, stats_);
    ASSERT_TRUE(delivered_at_least(100)) << sink_->size();
    // logrotate's way: rename the file away and create it anew; the writer has not reopened.
    fs::rename(live_, logs_ / "app.log.1");
    ASSERT_TRUE(eventually([&] { return input->counters().rotations >= 1; }));
    // The input has seen the rename: these lines reach the old file while it is being drained.
    old_writer.write_lines(100, 50);
    LogWriter new_writer(live_);
    new_writer.write_lines(150, 100);
    ASSERT_TRUE(delivered_at_least(250)) << sink_->size();
    // Quiet for rotate_wait, the old file is released, and its checkpoint with it.
    EXPECT_TRUE(eventually([&] {
      return !checkpoints.find("app", old_file.st_dev, old_file.st_ino).has_value();
    })) << "the renamed file was never released";
  }
  const std::vector<long> seqs = sequences(sink_->lines());
  std::vector<long> sorted = seqs;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, range(0, 250)) << "every line of both files, once";
  std::vector<long> old_seqs, new_seqs;
  for (long seq : seqs) (seq < 150 ? old_seqs : new_seqs).push_back(seq);
  EXPECT_EQ(old_seqs, range(0, 150)) << "the old file's lines in order";
  EXPECT_EQ(new_seqs, range(150, 250)) << "the new file's lines in order";
  EXPECT_EQ(input->counters().files_opened, 2u);
  EXPECT_EQ(input->counters().rotations, 1u);
  EXPECT_EQ(input->counters().truncations, 0u);
  EXPECT_EQ(input->counters().inode_reuses, 0u);
  EXPECT_EQ(input->counters().read_errors, 0u);
}

TEST_F(FileInputTest, ReadsACopytruncatedFileAgainFromOffsetZero) {
  LogWriter writer(live_);
  writer.write_lines(0, 100);
  auto input = make_input("app.log");
  {
    Following following(*input, *sink_, sinks_, stats_);
    ASSERT_TRUE(delivered_at_least(100)) << sink_->size();
    // logrotate's copytruncate; the writer appends on, now from offset 0. The new content is
    // shorter than what was read, so the file's size tells (or the input saw it empty).
    fs::copy_file(live_, logs_ / "app.log.1");
    writer.truncate();
    writer.write_lines(100, 50);
    ASSERT_TRUE(delivered_at_least(150)) << sink_->size();
  }
  const std::vector<Delivered> delivered = parse(sink_->lines());
  std::vector<long> seqs;
  for (const Delivered& d : delivered) seqs.push_back(d.seq);
  EXPECT_EQ(seqs, range(0, 150)) << "the old lines once, then the new ones";
  ASSERT_GT(delivered.size(), 100u);
  EXPECT_EQ(delivered[100].offset, 0u) << "the first line after the truncation";
  EXPECT_EQ(input->counters().truncations, 1u);
  EXPECT_EQ(input->counters().files_opened, 2u) << "the truncated file is opened anew";
  EXPECT_EQ(input->counters().rotations, 0u);
  EXPECT_EQ(input->counters().read_errors, 0u);
}

TEST_F(FileInputTest, NoticesACopytruncateRefilledPastItsPositionByTheFirstBytes) {
  LogWriter writer(live_);
  writer.write_lines(0, 10);
  auto input = make_input("app.log");
  {
    Following following(*input, *sink_, sinks_, stats_);
    ASSERT_TRUE(delivered_at_least(10)) << sink_->size();
    sink_->hold_next();
    writer.write_lines(10, 10);
    ASSERT_TRUE(eventually([&] { return sink_->holding(); }));
    // The input has read lines 10-19 and waits for the sink: truncate now and write more than
    // it had read, so that only the first bytes can tell the content was replaced.
    fs::copy_file(live_, logs_ / "app.log.1");
    writer.truncate();
    writer.write_lines(100, 100);
    sink_->release();
    ASSERT_TRUE(delivered_at_least(120)) << sink_->size();
  }
  const std::vector<Delivered> delivered = parse(sink_->lines());
  std::vector<long> seqs;
  for (const Delivered& d : delivered) seqs.push_back(d.seq);
  EXPECT_EQ(seqs, concat(range(0, 20), range(100, 200)))
      << "the lines in flight once, then the new content whole";
  ASSERT_GT(delivered.size(), 20u);
  EXPECT_EQ(delivered[20].offset, 0u) << "the first line after the truncation";
  EXPECT_EQ(input->counters().truncations, 1u);
  EXPECT_EQ(input->counters().files_opened, 2u);
  EXPECT_EQ(input->counters().read_errors, 0u);
}

TEST_F(FileInputTest, ReadsAFileThatReusesACheckpointedInodeFromTheStart) {
  test::write_file(live_, lines_text(0, 50));
  Checkpoint old_checkpoint;
  {
    CheckpointStore checkpoints(state_);
    auto input = make_input("app.log", &checkpoints);
    run_input(*input, sinks_, stats_, /*once=*/true, no_stop_);
    ASSERT_EQ(sequences(sink_->take()), range(0, 50));
    const struct stat st = stat_of(live_);
    const auto saved = checkpoints.find("app", st.st_dev, st.st_ino);
    ASSERT_TRUE(saved.has_value());
    ASSERT_EQ(saved->position, fs::file_size(live_));
    old_checkpoint = *saved;
  }
  // Another file takes the name, longer than the saved position (which falls inside a line of
  // it), so resuming there would lose lines and cut one.
  fs::remove(live_);
  test::write_file(live_, lines_text(100, 100));
  const struct stat now = stat_of(live_);
  const bool reused = static_cast<std::uint64_t>(now.st_dev) == old_checkpoint.identity.device &&
                      static_cast<std::uint64_t>(now.st_ino) == old_checkpoint.identity.inode;
  if (!reused) {
    // The file system chose a fresh inode: make the old checkpoint claim the new one, which is
    // what a reused inode looks like to the input.
    CheckpointStore checkpoints(state_);
    Checkpoint claimed = old_checkpoint;
    claimed.identity.device = static_cast<std::uint64_t>(now.st_dev);
    claimed.identity.inode = static_cast<std::uint64_t>(now.st_ino);
    checkpoints.update(claimed);
    ASSERT_TRUE(checkpoints.save());
  }
  CheckpointStore checkpoints(state_);
  ASSERT_TRUE(checkpoints.find("app", now.st_dev, now.st_ino).has_value());
  auto input = make_input("app.log", &checkpoints);
  run_input(*input, sinks_, stats_, /*once=*/true, no_stop_);
  const std::vector<Delivered> delivered = parse(sink_->take());
  std::vector<long> seqs;
  for (const Delivered& d : delivered) seqs.push_back(d.seq);
  EXPECT_EQ(seqs, range(100, 200)) << (reused ? "inode reused" : "inode claimed by the test");
  ASSERT_FALSE(delivered.empty());
  EXPECT_EQ(delivered[0].offset, 0u);
  EXPECT_EQ(input->counters().inode_reuses, 1u);
  EXPECT_EQ(input->counters().truncations, 0u);
  EXPECT_EQ(input->counters().files_opened, 1u);
  EXPECT_EQ(input->counters().read_errors, 0u);
}

TEST_F(FileInputTest, ResumesFromItsCheckpointReadingOnlyLinesAppendedSince) {
  LogWriter writer(live_);
  writer.write_lines(0, 100);
  {
    CheckpointStore checkpoints(state_);
    auto input = make_input("app.log", &checkpoints);
    run_input(*input, sinks_, stats_, /*once=*/true, no_stop_);
    ASSERT_EQ(sequences(sink_->take()), range(0, 100));
    EXPECT_EQ(input->counters().files_opened, 1u);
  }
  const std::uint64_t first_run_size = fs::file_size(live_);
  writer.write_lines(100, 50);
  // A restart: a new store, loaded from what the first run saved.
  CheckpointStore checkpoints(state_);
  auto input = make_input("app.log", &checkpoints);
  run_input(*input, sinks_, stats_, /*once=*/true, no_stop_);
  const std::vector<Delivered> delivered = parse(sink_->take());
  std::vector<long> seqs;
  for (const Delivered& d : delivered) seqs.push_back(d.seq);
  EXPECT_EQ(seqs, range(100, 150)) << "only the lines appended since the first run";
  ASSERT_FALSE(delivered.empty());
  EXPECT_EQ(delivered[0].offset, first_run_size);
  EXPECT_EQ(input->counters().files_opened, 1u);
  EXPECT_EQ(input->counters().truncations, 0u);
  EXPECT_EQ(input->counters().inode_reuses, 0u);
  EXPECT_EQ(input->counters().read_errors, 0u);
  const struct stat st = stat_of(live_);
  const auto saved = checkpoints.find("app", st.st_dev, st.st_ino);
  ASSERT_TRUE(saved.has_value());
  EXPECT_EQ(saved->position, fs::file_size(live_));
}

TEST_F(FileInputTest, FollowModeHoldsATornLastLineUntilItsNewlineArrives) {
  const std::string torn = line_text(10);
  const std::size_t cut = torn.find("pay") + 3;  // early, the message would read "seq=10 pay"
  LogWriter writer(live_);
  writer.write(lines_text(0, 10) + torn.substr(0, cut));
  auto input = make_input("app.log");
  {
    Following following(*input, *sink_, sinks_, stats_);
    // The piece came in the same write as line 9, so it has been read by now.
    ASSERT_TRUE(delivered_at_least(10)) << sink_->size();
    // Absence can only be watched for a while: three scan intervals, in which the input reads
    // the file at least twice more.
    const auto until = std::chrono::steady_clock::now() + 3 * kScanInterval;
    while (std::chrono::steady_clock::now() < until && sink_->size() == 10) {
      std::this_thread::sleep_for(10ms);
    }
    EXPECT_EQ(sink_->size(), 10u) << "a line was delivered before its newline";
    writer.write(torn.substr(cut) + line_text(11));
    ASSERT_TRUE(delivered_at_least(12)) << sink_->size();
  }
  EXPECT_EQ(sequences(sink_->lines()), range(0, 12)) << "the torn line once, whole";
  EXPECT_EQ(input->counters().files_opened, 1u);
  EXPECT_EQ(input->counters().read_errors, 0u);
}

TEST_F(FileInputTest, OnceModeDeliversAnUnterminatedLastLine) {
  std::string text = lines_text(0, 11);
  text.pop_back();  // the writer has not finished line 10, and never will in this run
  test::write_file(live_, text);
  auto input = make_input("app.log");
  run_input(*input, sinks_, stats_, /*once=*/true, no_stop_);
  EXPECT_EQ(sequences(sink_->lines()), range(0, 11));
  EXPECT_EQ(input->counters().files_opened, 1u);
  EXPECT_EQ(input->counters().read_errors, 0u);
}

TEST_F(FileInputTest, DeliversTheUnterminatedLastLineOfARenamedFileWhenReleasingIt) {
  const std::string torn = line_text(10);
  LogWriter old_writer(live_);
  // The writer died in the middle of line 10, then the file was rotated.
  old_writer.write(lines_text(0, 10) + torn.substr(0, torn.size() - 1));
  auto input = make_input("app.log");
  {
    Following following(*input, *sink_, sinks_, stats_);
    ASSERT_TRUE(delivered_at_least(10)) << sink_->size();
    fs::rename(live_, logs_ / "app.log.1");
    LogWriter new_writer(live_);
    new_writer.write_lines(11, 10);
    // The old file will not grow any more once released: its last line is complete then.
    ASSERT_TRUE(delivered_at_least(21)) << sink_->size();
  }
  std::vector<long> seqs = sequences(sink_->lines());
  std::sort(seqs.begin(), seqs.end());
  EXPECT_EQ(seqs, range(0, 21));
  EXPECT_EQ(input->counters().rotations, 1u);
  EXPECT_EQ(input->counters().files_opened, 2u);
  EXPECT_EQ(input->counters().read_errors, 0u);
}

// A sink may keep a file's batches unacknowledged for long (on_permanent_error: hold, a cluster
// that is down): that file pauses once its window is full, and the one worker goes on with the
// other files, coming back to it when its batches are acknowledged.
TEST_F(FileInputTest, AFileWhoseBatchesAreNotAcknowledgedPausesWithoutStoppingTheOthers) {
  sink_->defer_acks_of("a-held.log");
  // Only changes in the directory and the acks may bring a poll: no periodic scan helps.
  scan_interval_ = std::chrono::minutes(10);
  LogWriter held(logs_ / "a-held.log");
  held.write_lines(0, 5);
  auto input = make_input("*.log", nullptr, /*max_batches_in_flight=*/1);
  Following following(*input, *sink_, sinks_, stats_);
  ASSERT_TRUE(eventually([&] { return sink_->deferred() == 1; }));
  held.write_lines(5, 5);  // its window is full: this waits for the first batch's ack
  LogWriter free_writer(logs_ / "b-free.log");
  free_writer.write_lines(100, 5);
  ASSERT_TRUE(delivered_at_least(10)) << "the held file kept the worker from the other file";
  EXPECT_EQ(sequences(sink_->lines()), concat(range(0, 5), range(100, 105)));
  sink_->release();
  ASSERT_TRUE(delivered_at_least(15)) << "the held file was not read on after its ack";
  std::vector<long> seqs = sequences(sink_->lines());
  std::sort(seqs.begin(), seqs.end());
  EXPECT_EQ(seqs, concat(range(0, 10), range(100, 105)));
}

// While a truncated file still has batches in flight the input cannot reopen it yet (release()
// waits 250 ms, then gives up until the next pass); each pass must not count the same
// truncation again.
TEST_F(FileInputTest, CountsACopytruncateOnceWhileItsBatchesAreStillInFlight) {
  LogWriter writer(live_);
  writer.write_lines(0, 10);
  sink_->defer_acks();
  auto input = make_input("app.log");
  {
    Following following(*input, *sink_, sinks_, stats_);
    ASSERT_TRUE(delivered_at_least(10)) << sink_->size();
    fs::copy_file(live_, logs_ / "app.log.1");
    writer.truncate();
    // Shorter than what was read: no read at the old position can find anything.
    writer.write_lines(100, 5);
    ASSERT_TRUE(eventually([&] { return input->counters().truncations >= 1; }));
    // The input reopens the file only once nothing of it is in flight, and looks again every
    // 250 ms meanwhile: a slow sink (Kafka) keeps a batch that long. Give it several looks.
    const auto until = std::chrono::steady_clock::now() + 4 * 250ms;
    while (std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(50ms);
    EXPECT_EQ(input->counters().truncations, 1u) << "one truncation, counted at every look";
    sink_->release();
    ASSERT_TRUE(delivered_at_least(15)) << sink_->size();
  }
  EXPECT_EQ(sequences(sink_->lines()), concat(range(0, 10), range(100, 105)));
  EXPECT_EQ(input->counters().truncations, 1u);
  EXPECT_EQ(input->counters().files_opened, 2u);
}

// A copytruncate that refills the file past the old position, at any moment of the input's
// work, makes a read from the old offset return the tail of the new content (a piece of a line,
// such as "1]: seq=109 payload"). The content's first bytes are checked after each read, before
// the batch is delivered: such a batch is dropped and the file read again from 0. Several rounds,
// each with a fresh file and input, meet the input at different points of its work.
TEST_F(FileInputTest, NeverDeliversAPieceOfNewContentWhenACopytruncateRacesARead) {
  constexpr int kRounds = 20;
  for (int round = 0; round < kRounds; ++round) {
    // A fresh small file and input each round: the race is at the first truncation.
    const std::string name = "round" + std::to_string(round);
    fs::create_directories(logs_ / name);
    const fs::path path = logs_ / name / "app.log";
    LogWriter writer(path);
    writer.write_lines(0, 10);
    auto input = make_input(name + "/app.log");
    {
      Following following(*input, *sink_, sinks_, stats_);
      ASSERT_TRUE(delivered_at_least(10)) << sink_->size();
      fs::copy_file(path, logs_ / name / "app.log.1");
      writer.truncate();
      writer.write_lines(100, 10);  // longer lines: past the old position
      ASSERT_TRUE(eventually([&] { return input->counters().truncations >= 1; }));
      ASSERT_TRUE(delivered_at_least(20)) << sink_->size();
    }
    ASSERT_EQ(sequences(sink_->take()), concat(range(0, 10), range(100, 110))) << "round " << round;
  }
}

// rotate_wait counts from when the rename is noticed, not only from the file's last new data: a
// file quiet for longer than rotate_wait is still drained, and what its writer appends before
// reopening (as it does until logrotate's postrotate signal) is read.
TEST_F(FileInputTest, DrainsAQuietFileRenamedAwayForRotateWaitAfterTheRename) {
  LogWriter writer(live_);
  writer.write_lines(0, 10);
  auto input = make_input("app.log");
  Following following(*input, *sink_, sinks_, stats_);
  ASSERT_TRUE(delivered_at_least(10)) << sink_->size();
  // A log written now and then: quiet for longer than rotate_wait when it is rotated.
  const auto until = std::chrono::steady_clock::now() + kRotateWait + 2 * kScanInterval;
  while (std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(50ms);
  fs::rename(live_, logs_ / "app.log.1");
  ASSERT_TRUE(eventually([&] { return input->counters().rotations >= 1; }));
  writer.write_lines(10, 10);
  EXPECT_TRUE(delivered_at_least(20)) << sink_->size() << " lines; written after the rename: lost";
}

}  // namespace
}  // namespace horolog
