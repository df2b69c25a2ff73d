// The journald input and the journal source in process, on real journal files written by
// systemd-journal-remote: exact times, two boots and a wall-clock step, following appended
// entries, cursor checkpoints, a cursor vacuumed away, matches, damaged files.
#include "agent/inputs/journald/journald_input.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "agent/engine/batch_writer.h"
#include "agent/engine/checkpoint_store.h"
#include "agent/engine/read_loop.h"
#include "agent/engine/sources/source_factory.h"
#include "parsers/format_registry.h"
#include "tests/inputs/input_harness.h"
#include "tests/support/journal_files.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_seed.h"

namespace horolog {
namespace {

namespace fs = std::filesystem;
using test::eventually;
using test::Following;
using test::JournalTestEntry;
using test::RecordingSink;
using test::run_input;
using test::write_journal;

constexpr std::string_view kBootA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
constexpr std::string_view kBootB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
// 2025-11-26T12:00:00Z
constexpr std::uint64_t kNoonUs = 1'764'158'400'000'000;

// Entry `seq` of boot A: one second apart on both clocks, message "seq=N".
JournalTestEntry entry(int seq, std::string_view boot = kBootA, std::uint64_t realtime_us = 0,
                       std::uint64_t monotonic_us = 0) {
  JournalTestEntry e;
  e.realtime_us = realtime_us != 0 ? realtime_us : kNoonUs + std::uint64_t(seq) * 1'000'000;
  e.monotonic_us = monotonic_us != 0 ? monotonic_us : 10'000'000 + std::uint64_t(seq) * 1'000'000;
  e.boot_id = boot;
  e.fields = {{"MESSAGE", "seq=" + std::to_string(seq)},
              {"PRIORITY", "6"},
              {"SYSLOG_IDENTIFIER", "app"},
              {"_HOSTNAME", "web-1"},
              {"_SYSTEMD_UNIT", "app.service"}};
  return e;
}

std::vector<JournalTestEntry> entries(int first, int count) {
  std::vector<JournalTestEntry> out;
  for (int seq = first; seq < first + count; ++seq) out.push_back(entry(seq));
  return out;
}

struct Line {
  std::string message;
  std::string timestamp;
  std::vector<std::string> time_flags;
  std::string action;
};

std::vector<Line> parse_lines(const std::vector<std::string>& lines) {
  std::vector<Line> out;
  simdjson::dom::parser parser;
  for (const std::string& text : lines) {
    simdjson::dom::element doc;
    std::string_view message, timestamp, action;
    if (parser.parse(text).get(doc) || doc["message"].get(message) ||
        doc["@timestamp"].get(timestamp)) {
      ADD_FAILURE() << "unexpected output line: " << text;
      continue;
    }
    Line line{std::string(message), std::string(timestamp), {}, {}};
    simdjson::dom::array flags;
    if (!doc["horolog"]["time"]["flags"].get(flags)) {
      for (auto flag : flags) line.time_flags.emplace_back(std::string_view(flag));
    }
    if (!doc["event"]["action"].get(action)) line.action = action;
    out.push_back(std::move(line));
  }
  return out;
}

std::vector<std::string> messages(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const Line& line : parse_lines(lines)) out.push_back(line.message);
  return out;
}

std::vector<std::string> seq_messages(int first, int end) {
  std::vector<std::string> out;
  for (int seq = first; seq < end; ++seq) out.push_back("seq=" + std::to_string(seq));
  return out;
}

class JournaldInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    HOROLOG_NEEDS_JOURNAL_WRITER();
    fs::create_directories(journals_);
    auto sink = std::make_unique<RecordingSink>(sinks_.ack_callback());
    sink_ = sink.get();
    sinks_.add("recording", std::move(sink));
  }

  std::unique_ptr<JournaldInput> make_input(JournaldInputOptions options,
                                            CheckpointStore* checkpoints = nullptr) {
    InputConfig config;
    config.name = "journal";
    config.type = "journald";
    options.poll_interval = std::chrono::milliseconds(100);
    InputEnvironment env{Zone::utc(), "testhost", stats_, checkpoints};
    return JournaldInput::create(config, options, env).value();
  }

  JournaldInputOptions files_options() {
    JournaldInputOptions options;
    options.files = {live_.string()};
    return options;
  }

  std::vector<std::string> read_once(JournaldInput& input) {
    run_input(input, sinks_, stats_, /*once=*/true, no_stop_);
    return sink_->take();
  }

  test::TempDir dir_;
  const fs::path journals_ = dir_ / "journals";
  const fs::path live_ = journals_ / "system.journal";
  const fs::path state_ = dir_ / "state";
  SinkSet sinks_;
  RecordingSink* sink_ = nullptr;
  RunStats stats_;
  std::atomic<bool> no_stop_{false};
};

TEST_F(JournaldInputTest, ReadsJournalFilesWithTheirExactTimes) {
  write_journal(live_, entries(0, 3));
  auto input = make_input(files_options());
  const std::vector<Line> lines = parse_lines(read_once(*input));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].message, "seq=0");
  EXPECT_EQ(lines[0].timestamp, "2025-11-26T12:00:00.000000Z");
  EXPECT_EQ(lines[2].timestamp, "2025-11-26T12:00:02.000000Z");
  EXPECT_TRUE(lines[0].time_flags.empty());
  EXPECT_EQ(input->counters().entries, 3u);
  EXPECT_EQ(input->read_errors(), 0u);
}

TEST_F(JournaldInputTest, BinaryValuesArriveExactly) {
  JournalTestEntry binary = entry(0);
  binary.fields = {{"MESSAGE", std::string("bin\xff\x01"
                                           "ary\nline")},
                   {"SYSLOG_IDENTIFIER", "app"}};
  write_journal(live_, {binary});
  auto input = make_input(files_options());
  const std::vector<std::string> lines = read_once(*input);
  ASSERT_EQ(lines.size(), 1u);
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(lines[0]);
  // The text with its bad byte replaced, and the bytes exactly.
  EXPECT_EQ(std::string_view(doc["message"]),
            "bin\xef\xbf\xbd\x01"
            "ary\nline");
  EXPECT_EQ(std::string_view(doc["journald"]["message_base64"]), "Ymlu/wFhcnkKbGluZQ==");
}

TEST_F(JournaldInputTest, FollowsEntriesAppendedWhileRunning) {
  write_journal(live_, entries(0, 5));
  auto input = make_input(files_options());
  Following following(*input, *sink_, sinks_, stats_);
  ASSERT_TRUE(eventually([&] { return sink_->size() >= 5; })) << sink_->size();
  write_journal(live_, entries(5, 5));
  ASSERT_TRUE(eventually([&] { return sink_->size() >= 10; })) << sink_->size();
  following.stop();
  EXPECT_EQ(messages(sink_->lines()), seq_messages(0, 10));
}

TEST_F(JournaldInputTest, ResumesAfterTheLastDeliveredCursor) {
  write_journal(live_, entries(0, 4));
  {
    CheckpointStore checkpoints(state_);
    auto input = make_input(files_options(), &checkpoints);
    EXPECT_EQ(messages(read_once(*input)), seq_messages(0, 4));
  }
  write_journal(live_, entries(4, 3));
  CheckpointStore checkpoints(state_);
  const auto saved = checkpoints.find("journal", 0, 0);
  ASSERT_TRUE(saved);
  EXPECT_NE(saved->cursor.find("i=4;"), std::string::npos) << saved->cursor;
  auto input = make_input(files_options(), &checkpoints);
  EXPECT_EQ(messages(read_once(*input)), seq_messages(4, 7));
  EXPECT_EQ(input->counters().gaps, 0u);
}

TEST_F(JournaldInputTest, EntriesNotDeliveredAreReadAgainAfterARestart) {
  write_journal(live_, entries(0, 3));
  {
    CheckpointStore checkpoints(state_);
    auto input = make_input(files_options(), &checkpoints);
    sink_->reject_all();  // read, but no sink took them: the cursor must not move
    EXPECT_EQ(read_once(*input).size(), 3u);
  }
  CheckpointStore checkpoints(state_);
  auto input = make_input(files_options(), &checkpoints);
  SinkSet sinks;
  auto fresh = std::make_unique<RecordingSink>(sinks.ack_callback());
  RecordingSink* recording = fresh.get();
  sinks.add("recording", std::move(fresh));
  run_input(*input, sinks, stats_, /*once=*/true, no_stop_);
  EXPECT_EQ(messages(recording->take()), seq_messages(0, 3));
}

TEST_F(JournaldInputTest, ResumesAtTheOldestEntryWhenItsCursorWasVacuumed) {
  const fs::path old_file = journals_ / "old.journal";
  write_journal(old_file, entries(0, 3));
  JournaldInputOptions options;
  options.directory = journals_.string();
  {
    CheckpointStore checkpoints(state_);
    auto input = make_input(options, &checkpoints);
    EXPECT_EQ(messages(read_once(*input)), seq_messages(0, 3));
  }
  // journald deleted the file holding the cursor's entry; newer entries are in another file.
  fs::remove(old_file);
  write_journal(journals_ / "new.journal", entries(10, 2));
  CheckpointStore checkpoints(state_);
  auto input = make_input(options, &checkpoints);
  EXPECT_EQ(messages(read_once(*input)), seq_messages(10, 12));
  EXPECT_EQ(input->counters().gaps, 1u);
  std::ostringstream summary;
  input->print_summary(summary);
  EXPECT_NE(summary.str().find("lost before they were read"), std::string::npos);
}

TEST_F(JournaldInputTest, MatchesAndUnitsSelectEntriesAsJournalctlDoes) {
  std::vector<JournalTestEntry> all;
  for (const auto& [unit, ident] :
       std::vector<std::pair<std::string, std::string>>{{"ssh.service", "sshd"},
                                                        {"cron.service", "CRON"},
                                                        {"ssh.service", "other"},
                                                        {"chrony.service", "chronyd"}}) {
    JournalTestEntry e = entry(static_cast<int>(all.size()));
    e.fields = {
        {"MESSAGE", unit + "/" + ident}, {"_SYSTEMD_UNIT", unit}, {"SYSLOG_IDENTIFIER", ident}};
    all.push_back(e);
  }
  write_journal(live_, all);
  JournaldInputOptions options = files_options();
  options.units = {"ssh", "chrony.service"};                                // one field: ORed
  options.match = {"SYSLOG_IDENTIFIER=sshd", "SYSLOG_IDENTIFIER=chronyd"};  // ANDed with units
  auto input = make_input(options);
  EXPECT_EQ(messages(read_once(*input)),
            (std::vector<std::string>{"ssh.service/sshd", "chrony.service/chronyd"}));
}

TEST_F(JournaldInputTest, CurrentBootOnlyLeavesOtherBootsOut) {
  std::string boot = test::read_file("/proc/sys/kernel/random/boot_id");
  std::erase(boot, '-');
  std::erase(boot, '\n');
  write_journal(live_, {entry(0, kBootB), entry(1, boot), entry(2, kBootB)});
  JournaldInputOptions options = files_options();
  options.current_boot_only = true;
  auto input = make_input(options);
  EXPECT_EQ(messages(read_once(*input)), seq_messages(1, 2));
}

TEST_F(JournaldInputTest, ReadFromEndSkipsWhatIsAlreadyThere) {
  write_journal(live_, entries(0, 3));
  JournaldInputOptions options = files_options();
  options.read_from = ReadFrom::end;
  auto input = make_input(options);
  Following following(*input, *sink_, sinks_, stats_);
  // Give the input time to open the journal at its end before more is written.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  write_journal(live_, entries(3, 2));
  ASSERT_TRUE(eventually([&] { return sink_->size() >= 2; })) << sink_->size();
  following.stop();
  EXPECT_EQ(messages(sink_->lines()), seq_messages(3, 5));
}

TEST_F(JournaldInputTest, WatchesTheDirectoriesJournaldWritesIn) {
  // A directory of copied journals: it and its machine-id subdirectories.
  fs::create_directories(journals_ / "0123456789abcdef0123456789abcdef");
  JournaldInputOptions options;
  options.directory = journals_.string();
  const std::vector<std::string> copied = make_input(options)->watched_directories();
  EXPECT_EQ(copied,
            (std::vector<std::string>{journals_.string(),
                                      (journals_ / "0123456789abcdef0123456789abcdef").string()}));
  // The local journal: the roots that exist, so a machine directory created later is noticed.
  const std::vector<std::string> local = make_input(JournaldInputOptions{})->watched_directories();
  for (const char* root : {"/var/log/journal", "/run/log/journal"}) {
    const bool watched = std::find(local.begin(), local.end(), root) != local.end();
    EXPECT_EQ(watched, fs::is_directory(root)) << root;
  }
}

TEST_F(JournaldInputTest, AFormatOtherThanJournalIsAConfigError) {
  InputConfig config;
  config.name = "journal";
  config.format = "rfc3164";
  InputEnvironment env{Zone::utc(), "testhost", stats_, nullptr};
  EXPECT_FALSE(JournaldInput::create(config, files_options(), env));
}

// The journal source as `parse` and `replay` open it: by path, format `auto` included.
std::vector<std::string> parse_file(const fs::path& path, std::string& error) {
  SourceOptions options;
  options.format = find_format("auto");
  options.input_name = "parse";
  options.host = "testhost";
  Result<std::unique_ptr<RecordSource>> source = open_source(path.string(), options);
  if (!source) {
    error = source.error().message();
    return {};
  }
  SinkSet sinks;
  auto sink = std::make_unique<RecordingSink>(sinks.ack_callback());
  RecordingSink* recording = sink.get();
  sinks.add("recording", std::move(sink));
  RunStats stats;
  BatchWriter writer(sinks, stats, "journal");
  ReadLoop loop(writer);
  const std::atomic<bool> never{false};
  for (;;) {
    Result<SourceStatus> status = loop.run(**source, never);
    if (!status) {
      error = status.error().message();
      continue;  // the damage is reported once, then the source goes on or ends
    }
    if (*status == SourceStatus::end) break;
  }
  writer.drain();
  return recording->take();
}

TEST_F(JournaldInputTest, AWallClockStepWithinABootIsFlaggedAndMeasured) {
  // Boot A: two entries, then the wall clock goes back 30 s while the monotonic clock goes 1 s
  // on. Boot B starts later with its own monotonic clock: no step.
  write_journal(live_, {entry(0, kBootA, kNoonUs, 5'000'000),
                        entry(1, kBootA, kNoonUs + 1'000'000, 6'000'000),
                        entry(2, kBootA, kNoonUs - 28'000'000, 7'000'000),
                        entry(3, kBootB, kNoonUs + 600'000'000, 2'000'000)});
  std::string error;
  const std::vector<Line> lines = parse_lines(parse_file(live_, error));
  EXPECT_EQ(error, "");
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[2].action, "clock_step");
  EXPECT_NE(lines[2].message.find("-30.000000 s"), std::string::npos) << lines[2].message;
  EXPECT_EQ(lines[3].message, "seq=2");
  EXPECT_EQ(lines[3].time_flags, std::vector<std::string>{"clock_stepped"});
  EXPECT_EQ(lines[3].timestamp, "2025-11-26T11:59:32.000000Z");
  EXPECT_TRUE(lines[4].time_flags.empty());
}

// horolog.time.corrected and host.clock.source of each line ("" when absent).
using Correction = std::pair<std::string, std::string>;

std::vector<Correction> corrections(const std::vector<std::string>& lines) {
  std::vector<Correction> out;
  simdjson::dom::parser parser;
  for (const std::string& text : lines) {
    simdjson::dom::element doc;
    EXPECT_EQ(parser.parse(text).get(doc), simdjson::SUCCESS) << text;
    std::string_view corrected, source;
    if (doc.at_pointer("/horolog/time/corrected").get(corrected) != simdjson::SUCCESS) {
      corrected = {};
    }
    if (doc.at_pointer("/host/clock/source").get(source) != simdjson::SUCCESS) source = {};
    out.emplace_back(corrected, source);
  }
  return out;
}

TEST_F(JournaldInputTest, EntriesAfterAStepByHandAreCorrectedBackToTrueTime) {
  // The wall clock jumps an hour ahead and the first entry on the new clock is an ordinary
  // program's: someone set the clock. chronyd's own step message brings it back.
  JournalTestEntry stepped = entry(2, kBootA, kNoonUs + 3'602'000'000, 7'000'000);
  JournalTestEntry chrony = entry(4, kBootA, kNoonUs + 4'000'000, 9'000'000);
  chrony.fields = {{"MESSAGE", "System clock was stepped by -3600.000000 seconds"},
                   {"SYSLOG_IDENTIFIER", "chronyd"},
                   {"_COMM", "chronyd"},
                   {"_HOSTNAME", "web-1"}};
  write_journal(live_, {entry(0, kBootA, kNoonUs, 5'000'000),
                        entry(1, kBootA, kNoonUs + 1'000'000, 6'000'000), stepped,
                        entry(3, kBootA, kNoonUs + 3'603'000'000, 8'000'000), chrony,
                        entry(5, kBootA, kNoonUs + 5'000'000, 10'000'000)});
  std::string error;
  const std::vector<std::string> lines = parse_file(live_, error);
  EXPECT_EQ(error, "");
  const auto got = corrections(lines);
  // Lines: seq 0, seq 1, the step (+1 h), seq 2, seq 3, chronyd's step (-1 h), its own step
  // message, seq 5.
  ASSERT_EQ(got.size(), 8u) << ::testing::PrintToString(lines);
  EXPECT_EQ(got[1].first, "");
  EXPECT_EQ(got[2], Correction("2025-11-26T12:00:02.000000Z", "time_change"));
  EXPECT_EQ(got[3], Correction("2025-11-26T12:00:02.000000Z", "time_change"));
  EXPECT_EQ(got[4], Correction("2025-11-26T12:00:03.000000Z", "time_change"));
  for (std::size_t i = 5; i < got.size(); ++i) EXPECT_EQ(got[i].first, "") << lines[i];
}

TEST_F(JournaldInputTest, AStepATimeDaemonLogsAtOnceCorrectsNothing) {
  JournalTestEntry chrony = entry(2, kBootA, kNoonUs - 28'000'000, 7'000'000);
  chrony.fields = {{"MESSAGE", "System clock was stepped by -30.000000 seconds"},
                   {"SYSLOG_IDENTIFIER", "chronyd"},
                   {"_COMM", "chronyd"},
                   {"_HOSTNAME", "web-1"}};
  write_journal(live_, {entry(0, kBootA, kNoonUs, 5'000'000),
                        entry(1, kBootA, kNoonUs + 1'000'000, 6'000'000), chrony,
                        entry(3, kBootA, kNoonUs - 27'000'000, 8'000'000)});
  std::string error;
  const std::vector<std::string> lines = parse_file(live_, error);
  ASSERT_EQ(lines.size(), 5u);
  for (const auto& [corrected, source] : corrections(lines)) EXPECT_EQ(corrected, "");
}

TEST_F(JournaldInputTest, DamagedJournalFilesAreReadAsFarAsPossible) {
  test::TestSeed seed;
  std::mt19937_64 random(seed.value());
  write_journal(live_, entries(0, 200));
  const std::string pristine = test::read_file(live_);
  std::size_t read = 0;
  int errors = 0;
  // The file is mostly preallocated zeros and hash tables sequential reading does not need: hit
  // the bytes that hold something (header, entry, data and array objects).
  std::vector<std::size_t> used;
  for (std::size_t i = 0; i < pristine.size(); ++i) {
    if (pristine[i] != 0) used.push_back(i);
  }
  ASSERT_FALSE(used.empty());
  for (int round = 0; round < 20; ++round) {
    std::string damaged = pristine;
    for (int hit = 0; hit < 8; ++hit) {
      damaged[used[random() % used.size()]] = static_cast<char>(random());
    }
    const fs::path copy = journals_ / ("damaged-" + std::to_string(round) + ".journal");
    test::write_file(copy, damaged);
    std::string error;
    const std::vector<std::string> lines = parse_file(copy, error);
    // What could be read is shipped as valid events (parse_lines checks each), nothing more.
    EXPECT_LE(parse_lines(lines).size(), 400u) << seed.note();
    read += lines.size();
    errors += !error.empty();
    fs::remove(copy);
  }
  // Damage costs the entries it hits, not the file: most rounds still read most entries.
  EXPECT_GT(read, 20u * 100) << seed.note();
  EXPECT_GT(errors, 0) << seed.note();  // entries sd-journal skipped are reported
  std::cerr << "damaged journals: " << read << " entries read in 20 rounds, " << errors
            << " reported damaged\n";
}

}  // namespace
}  // namespace horolog
