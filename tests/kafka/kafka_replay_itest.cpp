// `horolog replay` into Kafka: the real binary replays a rotated archive through a config whose
// sink is kafka, against the test broker as a separate process, and every event is read back
// from the topic; replay's exit status says whether everything was delivered.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sys/stat.h>

#include <cstdio>
#include <map>

#include "tests/kafka/kafka_reader.h"
#include "tests/kafka/test_broker_process.h"
#include "tests/support/compress_fixture.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTopic = "replay.test";
// 2026-12-01T00:00:00Z: the archive's year-less stamps fall in 2026.
constexpr std::int64_t kArchiveMtime = 1796083200;

// Lines [first, first + count) of an RFC 3164 log, each naming its sequence number.
std::string log_lines(int first, int count, int big = -1, std::size_t big_size = 0) {
  std::string text;
  char line[128];
  for (int seq = first; seq < first + count; ++seq) {
    const int n = std::snprintf(line, sizeof line, "Nov 30 12:%02d:%02d web1 app[42]: seq=%06d",
                                seq / 60 % 60, seq % 60, seq);
    text.append(line, static_cast<std::size_t>(n));
    if (seq == big) text.append(big_size, 'x');
    text += '\n';
  }
  return text;
}

void set_mtime(const fs::path& path, std::int64_t unix_seconds) {
  const struct timespec times[2] = {{unix_seconds, 0}, {unix_seconds, 0}};
  ASSERT_EQ(utimensat(AT_FDCWD, path.c_str(), times, 0), 0) << path;
}

// One replayed event as read back from the topic.
struct Replayed {
  std::string timestamp;
  std::string message;
  std::string host;
  std::string key;
};

class KafkaReplayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    broker_ = std::make_unique<TestBrokerProcess>(dir_.path(), 1, kTopic, 2);
  }

  // A config whose only sink is kafka; its input is never read by replay.
  fs::path write_config(const std::string& sink_extra = "") {
    const fs::path config = dir_ / "horolog.yaml";
    write_file(config, "data_dir: " + (dir_ / "var").string() +
                           "\n"
                           "clock: {servers: []}\n"
                           "timezone: UTC\n"
                           "inputs: [{name: live, type: file, paths: [\"" +
                           (dir_ / "live.log").string() +
                           "\"]}]\n"
                           "sinks:\n"
                           "  - name: siem\n"
                           "    type: kafka\n"
                           "    brokers: \"" +
                           broker_->bootstraps() +
                           "\"\n"
                           "    topic: \"" +
                           kTopic + "\"\n" + sink_extra);
    return config;
  }

  ProcessResult replay(const fs::path& config, const std::vector<std::string>& paths) {
    std::vector<std::string> argv{horolog_binary().string(), "replay", "--config", config.string()};
    for (const char* arg : {"--format", "rfc3164", "--host", "web1"}) argv.emplace_back(arg);
    argv.insert(argv.end(), paths.begin(), paths.end());
    return run_process(argv);
  }

  // Every message of the topic until `expected` sequence numbers arrived (or it stays quiet),
  // by sequence number; duplicates are counted in `duplicates`.
  std::map<int, Replayed> read_back(std::size_t expected, int& duplicates) {
    std::map<int, Replayed> events;
    duplicates = 0;
    simdjson::dom::parser parser;
    ReadOptions options;
    options.idle_timeout = std::chrono::milliseconds(5000);
    options.settle = std::chrono::milliseconds(300);
    options.done = [&] { return events.size() >= expected; };
    read_topic(broker_->bootstraps(), kTopic, options, [&](const ConsumedMessage& m) {
      simdjson::dom::element doc;
      ASSERT_EQ(parser.parse(std::string(m.value)).get(doc), simdjson::SUCCESS) << m.value;
      Replayed event;
      std::string_view text;
      if (doc["@timestamp"].get(text) == simdjson::SUCCESS) event.timestamp = text;
      if (doc["message"].get(text) == simdjson::SUCCESS) event.message = text;
      if (doc.at_pointer("/host/name").get(text) == simdjson::SUCCESS) event.host = text;
      event.key = m.key;
      int seq = -1;
      ASSERT_EQ(std::sscanf(event.message.c_str(), "seq=%d", &seq), 1) << m.value;
      if (!events.emplace(seq, event).second) ++duplicates;
    });
    return events;
  }

  TempDir dir_;
  std::unique_ptr<TestBrokerProcess> broker_;
};

TEST_F(KafkaReplayTest, ShipsEveryEventOfARotatedArchiveToKafkaAndExitsZero) {
  // A rotated set: the older member compressed, as logrotate leaves it.
  const fs::path older = dir_ / "app.log.1.gz";
  const fs::path live = dir_ / "app.log";
  write_file(older, gzip_bytes(log_lines(0, 300)));
  write_file(live, log_lines(300, 200));
  set_mtime(older, kArchiveMtime);
  set_mtime(live, kArchiveMtime);
  const ProcessResult result = replay(write_config(), {live.string(), older.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("replay: 2 files, 500 events"), std::string::npos) << result.err;

  int duplicates = 0;
  const std::map<int, Replayed> events = read_back(500, duplicates);
  EXPECT_EQ(events.size(), 500u);
  EXPECT_EQ(duplicates, 0);
  for (const auto& [seq, event] : events) {
    char timestamp[32];
    std::snprintf(timestamp, sizeof timestamp, "2026-11-30T12:%02d:%02dZ", seq / 60 % 60, seq % 60);
    char message[16];
    std::snprintf(message, sizeof message, "seq=%06d", seq);
    EXPECT_EQ(event.timestamp, timestamp) << seq;
    EXPECT_EQ(event.message, message) << seq;
    EXPECT_EQ(event.host, "web1") << seq;
    EXPECT_EQ(event.key, "web1") << seq;
  }
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.begin()->first, 0);
  EXPECT_EQ(events.rbegin()->first, 499);
}

// message.max.bytes on the client stands for the broker's limit, as in the agent's tests.
TEST_F(KafkaReplayTest, ExitsOneWhenKafkaRefusesAReplayedEvent) {
  const fs::path archive = dir_ / "app.log";
  write_file(archive, log_lines(0, 100, /*big=*/50, /*big_size=*/10'000));
  set_mtime(archive, kArchiveMtime);
  const ProcessResult result =
      replay(write_config("    librdkafka: {message.max.bytes: \"4000\"}\n"), {archive.string()});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("MSG_SIZE_TOO_LARGE"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("1 batch(es) not delivered"), std::string::npos) << result.err;
  int duplicates = 0;
  const std::map<int, Replayed> events = read_back(99, duplicates);
  EXPECT_EQ(events.size(), 99u);
  EXPECT_EQ(events.count(50), 0u);
}

}  // namespace
}  // namespace horolog::test
