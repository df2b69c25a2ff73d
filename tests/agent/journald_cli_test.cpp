// The journal through the real binary: `parse` of a journal copied off another machine, and the
// journald input killed with -9 while journald (here systemd-journal-remote) keeps writing:
// every entry is delivered after the restarts, duplicates bounded by the batches in flight.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include "tests/support/journal_files.h"
#include "tests/support/process.h"
#include "tests/support/sequence_counts.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_seed.h"

namespace horolog::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::vector<JournalTestEntry> numbered(long first, long count) {
  std::vector<JournalTestEntry> out;
  for (long seq = first; seq < first + count; ++seq) {
    JournalTestEntry e;
    e.realtime_us = 1'764'158'400'000'000 + static_cast<std::uint64_t>(seq) * 1000;
    e.monotonic_us = 10'000'000 + static_cast<std::uint64_t>(seq) * 1000;
    e.boot_id = "0123456789abcdef0123456789abcdef";
    e.fields = {{"MESSAGE", "seq=" + std::to_string(seq)},
                {"SYSLOG_IDENTIFIER", "app"},
                {"_PID", "4242"},
                {"_HOSTNAME", "evidence-host"}};
    out.push_back(std::move(e));
  }
  return out;
}

class JournaldCliTest : public ::testing::Test {
 protected:
  void SetUp() override { HOROLOG_NEEDS_JOURNAL_WRITER(); }
  TempDir dir_;
};

TEST_F(JournaldCliTest, ParseAndReplayReadAJournalCopiedOffAnotherMachine) {
  const fs::path journal = dir_ / "evidence.journal";
  write_journal(journal, numbered(0, 3));
  for (const char* command : {"parse", "replay"}) {
    for (const char* format : {"journal", "auto"}) {
      const ProcessResult r =
          run_process({horolog_binary().string(), command, "--format", format, journal.string()});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      const auto lines = split_lines(r.out);
      ASSERT_EQ(lines.size(), 3u) << command << " " << format;
      simdjson::dom::parser parser;
      simdjson::dom::element doc = parser.parse(std::string(lines[1]));
      EXPECT_EQ(std::string_view(doc["@timestamp"]), "2025-11-26T12:00:00.001000Z");
      EXPECT_EQ(std::string_view(doc["message"]), "seq=1");
      EXPECT_EQ(std::string_view(doc["host"]["name"]), "evidence-host");
      EXPECT_EQ(std::string_view(doc["process"]["name"]), "app");
      EXPECT_EQ(std::int64_t(doc["process"]["pid"]), 4242);
      EXPECT_EQ(std::string_view(doc["event"]["dataset"]), "journald");
    }
  }
}

TEST_F(JournaldCliTest, AJournalInAnArchiveIsRefusedWithTheReason) {
  const fs::path journal = dir_ / "evidence.journal";
  write_journal(journal, numbered(0, 1));
  const ProcessResult r = run_process(
      {horolog_binary().string(), "parse", "--format", "journal", "-"}, read_file(journal));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("a journal is read from a file"), std::string::npos) << r.err;
}

TEST_F(JournaldCliTest, KillNineAndRestartLosesNoEntry) {
  constexpr long kChunk = 2000;
  constexpr long kChunks = 10;
  const fs::path journal = dir_ / "journal" / "system.journal";
  fs::create_directories(journal.parent_path());
  write_journal(journal, numbered(0, kChunk));
  write_file(dir_ / "horolog.yaml", "data_dir: " + (dir_ / "var").string() +
                                        "\nclock: {servers: []}\nlog_level: warn\n"
                                        "inputs:\n  - name: journal\n    type: journald\n"
                                        "    files: [\"" +
                                        journal.string() +
                                        "\"]\n    poll_interval: 100ms\n"
                                        "sinks:\n  - name: out\n    type: file\n    path: " +
                                        (dir_ / "out/journal.ndjson").string() + "\n");
  auto start_agent = [&, runs = 0]() mutable {
    ++runs;
    return std::make_unique<BackgroundProcess>(
        std::vector<std::string>{horolog_binary().string(), "run", "--config",
                                 (dir_ / "horolog.yaml").string()},
        (dir_ / ("stdout." + std::to_string(runs))).string(),
        (dir_ / ("stderr." + std::to_string(runs))).string());
  };
  const TestSeed seed;
  std::mt19937_64 rng(seed.value());
  std::thread writer([&] {
    for (long chunk = 1; chunk < kChunks; ++chunk) {
      write_journal(journal, numbered(chunk * kChunk, kChunk));
      std::this_thread::sleep_for(50ms);
    }
  });
  for (int round = 0; round < 3; ++round) {
    auto agent = start_agent();
    const int run_ms = 150 + static_cast<int>(rng() % 400);
    int exit_code = 0;
    EXPECT_FALSE(agent->wait_exit(run_ms, exit_code)) << "exited early with " << exit_code;
    EXPECT_EQ(agent->stop(SIGKILL), -SIGKILL);
  }
  writer.join();
  auto agent = start_agent();
  const long total = kChunk * kChunks;
  std::map<long, int> counts;
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (std::chrono::steady_clock::now() < deadline) {
    counts.clear();
    if (fs::exists(dir_ / "out/journal.ndjson")) {
      count_sequences(read_file(dir_ / "out/journal.ndjson"), counts);
    }
    if (static_cast<long>(counts.size()) >= total) break;
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_EQ(agent->stop(SIGTERM), 0);
  long missing = 0, duplicated = 0;
  for (long seq = 0; seq < total; ++seq) {
    const auto it = counts.find(seq);
    if (it == counts.end()) {
      ++missing;
    } else {
      duplicated += it->second - 1;
    }
  }
  std::printf("journald kill -9 x3: %ld duplicated entries\n", duplicated);
  EXPECT_EQ(missing, 0) << seed.note();
  // The cursor is saved after every delivered batch: a kill repeats at most the batches in
  // flight, 4 of at most 1024 entries.
  EXPECT_LE(duplicated, 3L * 4 * 1024) << seed.note();
}

TEST_F(JournaldCliTest, TheHostConfigChecks) {
  const ProcessResult r = run_process({horolog_binary().string(), "check-config", "--config",
                                       source_path("config/examples/host.yaml").string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("(journald)"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace horolog::test
