// The real agent against the test broker, both as separate processes, read back with a
// consumer: every tailed line carries a sequence number, and every number is accounted for
// (lost, duplicated) across a large run, an outage of every broker, a kill -9, a refusal and a
// refusal fixed while the agent runs.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <thread>

#include "agent/engine/checkpoint_store.h"
#include "tests/kafka/kafka_reader.h"
#include "tests/kafka/test_broker_process.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

#if defined(__SANITIZE_ADDRESS__)
// Under ASan the agent runs several times slower; the run stays large but fits the suite's time.
constexpr std::uint64_t kLargeRun = 200'000;
#else
constexpr std::uint64_t kLargeRun = 1'000'000;
#endif

// Which sequence numbers arrived, and how often.
class Tally {
 public:
  explicit Tally(std::uint64_t expected) : seen_(expected, 0), missing_(expected) {}

  void add(std::string_view value) {
    const std::size_t at = value.find("seq=");
    std::uint64_t seq = 0;
    if (at == std::string_view::npos ||
        std::sscanf(std::string(value.substr(at + 4, 12)).c_str(), "%lu", &seq) != 1 ||
        seq >= seen_.size()) {
      ++foreign_;
      return;
    }
    if (seen_[seq] > 0) {
      ++duplicates_;
    } else {
      seen_[seq] = 1;
      --missing_;
    }
  }
  std::uint64_t missing() const noexcept { return missing_; }
  std::uint64_t duplicates() const noexcept { return duplicates_; }
  std::uint64_t foreign() const noexcept { return foreign_; }
  std::uint64_t first_missing() const {
    return static_cast<std::uint64_t>(std::find(seen_.begin(), seen_.end(), 0) - seen_.begin());
  }

 private:
  std::vector<std::uint8_t> seen_;
  std::uint64_t missing_;
  std::uint64_t duplicates_ = 0;
  std::uint64_t foreign_ = 0;
};

class KafkaAgentTest : public ::testing::Test {
 protected:
  void SetUp() override { fs::create_directories(dir_ / "logs"); }

  void start_broker(int brokers, int partitions) {
    broker_ = std::make_unique<TestBrokerProcess>(dir_.path(), brokers, kTopic, partitions);
  }

  // Appends lines [first, first + count) of ~100 bytes with `seq=N`; line `big` (if any) is
  // padded to `big_size` bytes.
  void append_lines(std::uint64_t first, std::uint64_t count, std::uint64_t big = ~std::uint64_t{0},
                    std::size_t big_size = 0) {
    std::ofstream out(dir_ / "logs" / "app.log", std::ios::app | std::ios::binary);
    std::string text;
    char line[160];
    for (std::uint64_t seq = first; seq < first + count; ++seq) {
      const int n = std::snprintf(line, sizeof line,
                                  "Nov 30 12:00:00 web1 app[42]: seq=%09lu lorem ipsum dolor sit "
                                  "amet consectetur adipiscing",
                                  static_cast<unsigned long>(seq));
      text.append(line, static_cast<std::size_t>(n));
      if (seq == big) text.append(big_size, 'x');
      text += '\n';
      if (text.size() > (1u << 20)) {
        out << text;
        text.clear();
      }
    }
    out << text;
  }

  void write_config(const std::string& sink_extra = "") {
    write_file(dir_ / "horolog.yaml", "data_dir: " + (dir_ / "var").string() +
                                          "\n"
                                          "clock: {servers: []}  # no NTP traffic from tests\n"
                                          "timezone: UTC\n"
                                          "log_level: info\n"
                                          "inputs:\n"
                                          "  - name: app\n"
                                          "    type: file\n"
                                          "    paths: [\"" +
                                          (dir_ / "logs" / "*.log").string() +
                                          "\"]\n"
                                          "    format: rfc3164\n"
                                          "    scan_interval: 100ms\n"
                                          "sinks:\n"
                                          "  - name: siem\n"
                                          "    type: kafka\n"
                                          "    brokers: \"" +
                                          broker_->bootstraps() +
                                          "\"\n"
                                          "    topic: \"" +
                                          kTopic + "\"\n" + sink_extra);
  }

  std::unique_ptr<BackgroundProcess> start_agent(const std::vector<std::string>& extra = {}) {
    ++runs_;
    std::vector<std::string> argv{horolog_binary().string(), "run", "--config",
                                  (dir_ / "horolog.yaml").string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return std::make_unique<BackgroundProcess>(
        argv, (dir_ / ("agent.out." + std::to_string(runs_))).string(),
        (dir_ / ("agent.err." + std::to_string(runs_))).string());
  }

  std::string agent_log(int run) const {
    return read_file(dir_ / ("agent.err." + std::to_string(run)));
  }

  std::uint64_t checkpoint_position() const {
    struct stat st {};
    if (::stat((dir_ / "logs" / "app.log").c_str(), &st) != 0) return 0;
    CheckpointStore store(dir_ / "var");
    const auto found = store.find("app", static_cast<std::uint64_t>(st.st_dev),
                                  static_cast<std::uint64_t>(st.st_ino));
    return found ? found->position : 0;
  }

  static void report(const char* what, const Tally& tally) {
    std::cout << what << ": missing " << tally.missing() << ", duplicates " << tally.duplicates()
              << ", foreign " << tally.foreign() << std::endl;
    ::testing::Test::RecordProperty("duplicates", std::to_string(tally.duplicates()));
  }

  static constexpr const char* kTopic = "horolog.test";
  TempDir dir_;
  std::unique_ptr<TestBrokerProcess> broker_;
  int runs_ = 0;
};

// Reads the topic until every number arrived (then briefly on, to count late duplicates) or
// until it stays quiet for `idle`.
Tally read_all(const std::string& brokers, const std::string& topic, std::uint64_t expected,
               std::chrono::milliseconds idle) {
  Tally tally(expected);
  ReadOptions options;
  options.idle_timeout = idle;
  options.done = [&tally] { return tally.missing() == 0; };
  read_topic(brokers, topic, options, [&](const ConsumedMessage& m) { tally.add(m.value); });
  return tally;
}

TEST_F(KafkaAgentTest, DeliversEveryTailedEventOnceInALargeRun) {
  start_broker(3, 3);
  write_config();
  append_lines(0, kLargeRun / 2);
  auto agent = start_agent();
  append_lines(kLargeRun / 2, kLargeRun - kLargeRun / 2);  // the agent tails the rest
  const Tally tally = read_all(broker_->bootstraps(), kTopic, kLargeRun, 30s);
  report("large run", tally);
  EXPECT_EQ(agent->stop(SIGTERM), 0) << agent_log(1);
  EXPECT_EQ(tally.missing(), 0u) << "first missing: " << tally.first_missing();
  EXPECT_EQ(tally.duplicates(), 0u);
  EXPECT_EQ(tally.foreign(), 0u);
}

TEST_F(KafkaAgentTest, LosesNothingWhenEveryBrokerIsDownForTenSeconds) {
  constexpr std::uint64_t kEvents = 100'000;
  start_broker(3, 3);
  write_config("    librdkafka: {reconnect.backoff.max.ms: \"1000\"}\n");
  append_lines(0, kEvents / 2);
  auto agent = start_agent();
  std::this_thread::sleep_for(1s);  // production under way (the verdict does not depend on it)
  ASSERT_EQ(broker_->command("down all"), "ok");
  append_lines(kEvents / 2, kEvents / 2);  // written while the cluster is away
  std::this_thread::sleep_for(10s);
  ASSERT_EQ(broker_->command("up all"), "ok");
  const Tally tally = read_all(broker_->bootstraps(), kTopic, kEvents, 30s);
  report("brokers down for 10 s", tally);
  EXPECT_EQ(agent->stop(SIGTERM), 0) << agent_log(1);
  EXPECT_EQ(tally.missing(), 0u) << "first missing: " << tally.first_missing();
  EXPECT_NE(agent_log(1).find("brokers are down"), std::string::npos) << agent_log(1);
}

TEST_F(KafkaAgentTest, LosesNothingWhenTheAgentIsKilledDuringProduction) {
  constexpr std::uint64_t kEvents = 200'000;
  start_broker(1, 2);
  write_config();
  append_lines(0, kEvents);
  {
    auto agent = start_agent();
    // Kill once the checkpoint moved but before the end: production is then under way.
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (checkpoint_position() == 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(20ms);
    }
    EXPECT_EQ(agent->stop(SIGKILL), -SIGKILL);
  }
  const std::uint64_t size = fs::file_size(dir_ / "logs" / "app.log");
  const std::uint64_t killed_at = checkpoint_position();
  EXPECT_GT(killed_at, 0u);
  EXPECT_LT(killed_at, size) << "the kill came after the end; the test proves nothing";
  auto agent = start_agent();
  const Tally tally = read_all(broker_->bootstraps(), kTopic, kEvents, 30s);
  report("kill -9 and restart", tally);
  EXPECT_EQ(agent->stop(SIGTERM), 0) << agent_log(2);
  EXPECT_EQ(tally.missing(), 0u) << "first missing: " << tally.first_missing();
}

// message.max.bytes on the client stands for the broker's limit: librdkafka refuses a larger
// message with MSG_SIZE_TOO_LARGE, as the broker would.
constexpr const char* kSmallLimit = "    librdkafka: {message.max.bytes: \"4000\"}\n";

TEST_F(KafkaAgentTest, HoldsTheCheckpointBeforeAnEventTheClusterRefuses) {
  start_broker(1, 1);
  write_config(kSmallLimit);
  append_lines(0, 100, /*big=*/50, /*big_size=*/10'000);
  auto agent = start_agent({"--once"});
  int exit_code = -1;
  ASSERT_TRUE(agent->wait_exit(60'000, exit_code)) << agent_log(1);
  EXPECT_EQ(exit_code, 1) << "read once, not everything was delivered";
  const std::string log = agent_log(1);
  EXPECT_NE(log.find("refused an event for good"), std::string::npos) << log;
  EXPECT_NE(log.find("batch(es) not delivered"), std::string::npos) << log;
  EXPECT_NE(log.find("MSG_SIZE_TOO_LARGE"), std::string::npos) << log;
  // The batch holding line 50 was not acknowledged: the checkpoint stays before it.
  const std::string content = read_file(dir_ / "logs" / "app.log");
  const std::uint64_t big_at = content.find("seq=000000050");
  EXPECT_LT(checkpoint_position(), big_at);
  const Tally tally = read_all(broker_->bootstraps(), kTopic, 100, 2s);
  EXPECT_EQ(tally.missing(), 1u);
  EXPECT_EQ(tally.first_missing(), 50u);
}

// The topic is refused (TOPIC_EXCEPTION) until the operator fixes it and sends SIGHUP: the held
// events are then delivered and the checkpoint reaches the end without a restart.
TEST_F(KafkaAgentTest, DeliversHeldEventsAfterSighupAndMovesTheCheckpointOn) {
  start_broker(1, 1);
  ASSERT_EQ(broker_->command(std::string("topic-error ") + kTopic + " TOPIC_EXCEPTION"), "ok");
  write_config();
  append_lines(0, 100);
  auto agent = start_agent();
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  auto refused = [&] {
    return fs::exists(dir_ / "agent.err.1") &&
           agent_log(1).find("refused an event for good") != std::string::npos;
  };
  while (!refused() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
  }
  // Refused by the broker (TOPIC_EXCEPTION), or by librdkafka once the metadata said so
  // (_UNKNOWN_TOPIC), depending on which comes first.
  ASSERT_TRUE(refused()) << agent_log(1);
  EXPECT_EQ(checkpoint_position(), 0u);
  ASSERT_EQ(broker_->command(std::string("topic-error ") + kTopic + " NO_ERROR"), "ok");
  ASSERT_EQ(::kill(agent->pid(), SIGHUP), 0);
  const std::uint64_t size = fs::file_size(dir_ / "logs" / "app.log");
  while (checkpoint_position() < size && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(checkpoint_position(), size) << agent_log(1);
  const Tally tally = read_all(broker_->bootstraps(), kTopic, 100, 5s);
  EXPECT_EQ(tally.missing(), 0u) << "first missing: " << tally.first_missing();
  EXPECT_EQ(agent->stop(SIGTERM), 0) << agent_log(1);
  EXPECT_NE(agent_log(1).find("SIGHUP: producing"), std::string::npos) << agent_log(1);
}

TEST_F(KafkaAgentTest, DeadLettersAnEventTheClusterRefusesAndMovesOn) {
  start_broker(1, 1);
  const fs::path dead = dir_ / "dead-letter.ndjson";
  write_config(std::string(kSmallLimit) + "    on_permanent_error: dead_letter\n" +
               "    dead_letter: " + dead.string() + "\n");
  append_lines(0, 100, /*big=*/50, /*big_size=*/10'000);
  auto agent = start_agent({"--once"});
  int exit_code = -1;
  ASSERT_TRUE(agent->wait_exit(60'000, exit_code)) << agent_log(1);
  // Nothing is lost and the checkpoint moves on, but the one-shot job says not all went where
  // it was asked to.
  EXPECT_EQ(exit_code, 1);
  EXPECT_NE(agent_log(1).find("1 event(s) dead-lettered"), std::string::npos) << agent_log(1);
  EXPECT_EQ(checkpoint_position(), fs::file_size(dir_ / "logs" / "app.log"));
  const std::string dead_letters = read_file(dead);
  const auto lines = split_lines(dead_letters);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("\"code\":\"MSG_SIZE_TOO_LARGE\""), std::string_view::npos) << lines[0];
  EXPECT_NE(lines[0].find("seq=000000050"), std::string_view::npos);
  const Tally tally = read_all(broker_->bootstraps(), kTopic, 100, 2s);
  EXPECT_EQ(tally.missing(), 1u);
  EXPECT_EQ(tally.first_missing(), 50u);
}

TEST_F(KafkaAgentTest, CheckConfigReportsAKafkaSinkWithoutBrokers) {
  write_file(dir_ / "bad.yaml",
             "clock: {servers: []}\n"
             "inputs: [{name: app, type: file, paths: [x.log]}]\n"
             "sinks: [{name: siem, type: kafka, on_permanent_error: dead_letter}]\n");
  const auto result = run_process(
      {horolog_binary().string(), "check-config", "--config", (dir_ / "bad.yaml").string()});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("brokers"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("dead_letter"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace horolog::test
