// The Kafka sink against a mock cluster in the test process: acknowledgements follow delivery
// reports, permanent errors are held (until reopen(), or rejected at shutdown and in one-shot
// runs) or dead-lettered, QUEUE_FULL blocks, expired messages are produced again, a fatal producer
// error builds a new producer, keys and headers are as configured.
#include "sinks/kafka/kafka_sink.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "sinks/kafka/kafka_error_class.h"
#include "sinks/kafka/kafka_key.h"
#include "tests/kafka/in_process_cluster.h"
#include "tests/kafka/kafka_reader.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog {
namespace {

using namespace std::chrono_literals;
using test::InProcessCluster;
using test::SequenceBatch;

// A sink named "out" as the registry builds it; the test stops on a configuration it refuses.
// By default the sink runs as `run` without --once runs it: held events wait for SIGHUP.
std::unique_ptr<KafkaSink> open_sink(const KafkaSinkOptions& options, AckCallback ack,
                                     const std::atomic<bool>* stopping = nullptr,
                                     bool one_shot = false) {
  auto sink = KafkaSink::create(
      SinkConfig{"out", "kafka", {}}, options,
      SinkEnvironment{.ack = std::move(ack), .stopping = stopping, .one_shot = one_shot});
  EXPECT_TRUE(sink) << sink.error().message();
  return sink ? std::move(*sink) : nullptr;
}

// Acknowledgements as the sink sent them, by ticket.
class AckLog {
 public:
  AckCallback callback() {
    return [this](std::uint64_t ticket, Delivery delivery) {
      std::lock_guard lock(mutex_);
      acks_.emplace_back(ticket, delivery);
    };
  }
  std::vector<std::pair<std::uint64_t, Delivery>> acks() const {
    std::lock_guard lock(mutex_);
    return acks_;
  }
  // Sorted by ticket once `count` acknowledgements arrived, or as they are after `timeout`.
  std::vector<std::pair<std::uint64_t, Delivery>> wait_for(
      std::size_t count, std::chrono::milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (acks().size() < count && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    auto sorted = acks();
    std::sort(sorted.begin(), sorted.end());
    return sorted;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::pair<std::uint64_t, Delivery>> acks_;
};

KafkaSinkOptions options_for(const InProcessCluster& cluster, std::string topic) {
  KafkaSinkOptions options;
  options.brokers = cluster.bootstraps();
  options.topic = std::move(topic);
  options.librdkafka["linger.ms"] = "1";
  options.librdkafka["reconnect.backoff.max.ms"] = "200";  // come back quickly after `up`
  return options;
}

std::multiset<std::string> values_in(const InProcessCluster& cluster, const std::string& topic,
                                     std::uint64_t expected) {
  std::multiset<std::string> values;
  test::ReadOptions read;
  read.expected = expected;
  test::read_topic(cluster.bootstraps(), topic, read,
                   [&](const test::ConsumedMessage& m) { values.emplace(m.value); });
  return values;
}

// Polls `done` every 10 ms until it holds or `timeout` passes; returns whether it held.
bool eventually(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

TEST(KafkaErrorClass, SortsPermanentAndTransientErrors) {
  const rd_kafka_resp_err_t permanent[] = {
      RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC,
      RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE,
      RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION};
  const rd_kafka_resp_err_t transient[] = {
      RD_KAFKA_RESP_ERR__MSG_TIMED_OUT,      RD_KAFKA_RESP_ERR__TRANSPORT,
      RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN,   RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
      RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS, RD_KAFKA_RESP_ERR__QUEUE_FULL,
      RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT};
  for (auto err : permanent) {
    EXPECT_EQ(classify_kafka_error(err), KafkaErrorClass::permanent) << rd_kafka_err2name(err);
  }
  for (auto err : transient) {
    EXPECT_EQ(classify_kafka_error(err), KafkaErrorClass::transient) << rd_kafka_err2name(err);
  }
}

TEST(KafkaKey, RendersEachKindOfKey) {
  Event event;
  event.host = "web1";
  event.input_name = "system";
  event.app = "sshd";
  event.pid = 4242;
  event.source_path = "/var/log/auth.log";
  event.dataset = "syslog.rfc3164";
  event.add("ntp.offset_s", FieldValue::float64(0.25));
  event.add("user.name", FieldValue::string("alice"));
  const std::pair<std::string_view, std::string_view> table[] = {
      {"host", "web1"},
      {"input", "system"},
      {"none", ""},
      {"field:host.name", "web1"},
      {"field:process.name", "sshd"},
      {"field:process.pid", "4242"},
      {"field:log.file.path", "/var/log/auth.log"},
      {"field:event.dataset", "syslog.rfc3164"},
      {"field:horolog.input", "system"},
      {"field:user.name", "alice"},
      {"field:ntp.offset_s", "0.25"},
      {"field:absent.field", ""},
  };
  std::string scratch;
  for (const auto& [spec, expected] : table) {
    EXPECT_EQ(KafkaKey(spec).render(event, scratch), expected) << spec;
  }
  EXPECT_TRUE(KafkaKey("none").none());
  EXPECT_FALSE(KafkaKey("host").none());
}

TEST(KafkaSink, AcknowledgesBatchesDeliveredAfterTheirReports) {
  InProcessCluster cluster;
  AckLog log;
  SequenceBatch first(0, 500);
  SequenceBatch second(500, 500);
  first.encoded.ticket = 1;
  second.encoded.ticket = 2;
  {
    auto sink = open_sink(options_for(cluster, "acks.{input}"), log.callback());
    sink->write(first.encoded);
    sink->write(second.encoded);
    sink->flush();
    EXPECT_EQ(sink->kafka_counters().produced, 1000u);
    EXPECT_EQ(sink->kafka_counters().delivered, 1000u);
    EXPECT_EQ(sink->counters().events, 1000u);
    EXPECT_EQ(sink->counters().batches_delivered, 2u);
  }
  auto acks = log.acks();
  std::sort(acks.begin(), acks.end());
  ASSERT_EQ(acks.size(), 2u);
  EXPECT_EQ(acks[0], std::make_pair(std::uint64_t{1}, Delivery::delivered));
  EXPECT_EQ(acks[1], std::make_pair(std::uint64_t{2}, Delivery::delivered));
  const auto values = values_in(cluster, "acks.app", 1000);
  EXPECT_EQ(values.size(), 1000u);
  EXPECT_EQ(values.count("{\"seq\":0}"), 1u);
  EXPECT_EQ(values.count("{\"seq\":999}"), 1u);
}

TEST(KafkaSink, SetsKeyAndHeadersAsConfigured) {
  InProcessCluster cluster;
  AckLog log;
  SequenceBatch batch(7, 1);
  auto options = options_for(cluster, "keys");
  options.key = "field:process.pid";
  options.headers = {"format", "input"};
  {
    auto sink = open_sink(options, log.callback());
    sink->write(batch.encoded);
    sink->flush();
  }
  test::ReadOptions read;
  read.expected = 1;
  read.with_headers = true;
  std::vector<test::ConsumedMessage> got;
  std::vector<std::string> keys;
  test::read_topic(cluster.bootstraps(), "keys", read, [&](const test::ConsumedMessage& m) {
    keys.emplace_back(m.key);
    got.push_back({{}, {}, m.headers, m.partition});
  });
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(keys[0], "7");
  const std::map<std::string, std::string> expected = {{"format", "rfc3164"}, {"input", "app"}};
  EXPECT_EQ(got[0].headers, expected);
}

// A client-side message.max.bytes stands for the broker's limit: librdkafka refuses the message
// with MSG_SIZE_TOO_LARGE, as a broker would.
KafkaSinkOptions with_small_limit(const InProcessCluster& cluster, std::string topic) {
  auto options = options_for(cluster, std::move(topic));
  options.librdkafka["message.max.bytes"] = "1000";
  return options;
}

// A topic the cluster refuses (TOPIC_EXCEPTION in its metadata) until the error is cleared: the
// operator creates the topic or grants the ACL, then sends SIGHUP.
TEST(KafkaSink, KeepsAHeldBatchPendingUntilReopenThenDeliversIt) {
  InProcessCluster cluster;
  AckLog log;
  rd_kafka_mock_topic_set_error(cluster.get(), "held", RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION);
  auto sink = open_sink(options_for(cluster, "held"), log.callback());
  SequenceBatch batch(0, 5);
  batch.encoded.ticket = 1;
  sink->write(batch.encoded);
  ASSERT_TRUE(eventually([&] { return sink->held_events() == 5; }, 10s));
  sink->flush();  // returns: nothing but held events is outstanding
  EXPECT_FALSE(eventually([&] { return !log.acks().empty(); }, 300ms)) << "acknowledged while held";
  rd_kafka_mock_topic_set_error(cluster.get(), "held", RD_KAFKA_RESP_ERR_NO_ERROR);
  sink->reopen();
  sink->flush();
  const auto acks = log.wait_for(1, 10s);
  ASSERT_EQ(acks.size(), 1u);
  EXPECT_EQ(acks[0], std::make_pair(std::uint64_t{1}, Delivery::delivered));
  EXPECT_EQ(sink->held_events(), 0u);
  const auto values = values_in(cluster, "held", 5);
  EXPECT_EQ(values.size(), 5u);
  EXPECT_EQ(values.count("{\"seq\":4}"), 1u);
}

// Once the metadata says the topic is in error, librdkafka refuses a message inside the produce
// call, after building it: the headers must be freed once (librdkafka issue 4627), and the
// events are held like those refused by the broker.
TEST(KafkaSink, HoldsEventsRefusedInsideTheProduceCallWithTheirHeaders) {
  InProcessCluster cluster;
  AckLog log;
  rd_kafka_mock_topic_set_error(cluster.get(), "in-error", RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION);
  auto sink = open_sink(options_for(cluster, "in-error"), log.callback());
  SequenceBatch first(0, 5);
  first.encoded.ticket = 1;
  sink->write(first.encoded);
  ASSERT_TRUE(eventually([&] { return sink->held_events() == 5; }, 10s));
  SequenceBatch second(5, 5);
  second.encoded.ticket = 2;
  sink->write(second.encoded);
  ASSERT_TRUE(eventually([&] { return sink->held_events() == 10; }, 10s));
  EXPECT_TRUE(log.acks().empty());
}

TEST(KafkaSink, RejectsAHeldBatchAtShutdown) {
  InProcessCluster cluster;
  AckLog log;
  SequenceBatch small(0, 10);
  SequenceBatch large(10, 1, 5000);
  small.encoded.ticket = 1;
  large.encoded.ticket = 2;
  std::atomic<bool> stopping{false};
  auto sink = open_sink(with_small_limit(cluster, "hold-stop"), log.callback(), &stopping);
  sink->write(small.encoded);
  sink->write(large.encoded);
  sink->flush();
  EXPECT_EQ(sink->held_events(), 1u);
  ASSERT_EQ(log.acks().size(), 1u) << "the held batch was acknowledged before shutdown";
  EXPECT_EQ(log.acks()[0], std::make_pair(std::uint64_t{1}, Delivery::delivered));
  stopping = true;
  sink->flush();
  const auto acks = log.wait_for(2, 10s);
  ASSERT_EQ(acks.size(), 2u);
  EXPECT_EQ(acks[1], std::make_pair(std::uint64_t{2}, Delivery::rejected));
  EXPECT_EQ(sink->held_events(), 0u);
  EXPECT_EQ(sink->kafka_counters().failed, 1u);
}

TEST(KafkaSink, RejectsAHeldBatchAtOnceWhenTheRunIsOneShot) {
  InProcessCluster cluster;
  AckLog log;
  SequenceBatch small(0, 10);
  SequenceBatch large(10, 1, 5000);
  small.encoded.ticket = 1;
  large.encoded.ticket = 2;
  auto sink = open_sink(with_small_limit(cluster, "hold-once"), log.callback(), nullptr,
                        /*one_shot=*/true);
  sink->write(small.encoded);
  sink->write(large.encoded);
  sink->flush();
  auto acks = log.acks();
  std::sort(acks.begin(), acks.end());
  ASSERT_EQ(acks.size(), 2u);
  EXPECT_EQ(acks[0].second, Delivery::delivered);
  EXPECT_EQ(acks[1].second, Delivery::rejected);
  EXPECT_EQ(sink->held_events(), 0u);
  EXPECT_EQ(sink->kafka_counters().failed, 1u);
}

TEST(KafkaSink, TreatsABrokerRefusingTheSizeAsPermanent) {
  InProcessCluster cluster;
  AckLog log;
  SequenceBatch batch(0, 5);
  auto sink = open_sink(options_for(cluster, "broker-limit"), log.callback());
  {
    SequenceBatch warm_up(100, 1);  // the topic exists and the producer is connected
    sink->write(warm_up.encoded);
    sink->flush();
  }
  rd_kafka_mock_push_request_errors(cluster.get(), 0 /* Produce */, 1,
                                    RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
  batch.encoded.ticket = 7;
  sink->write(batch.encoded);
  sink->flush();
  EXPECT_EQ(log.acks().size(), 1u) << "the refused batch is held, not acknowledged";
  EXPECT_GE(sink->kafka_counters().failed, 1u);
  EXPECT_EQ(sink->held_events(), 5u);
}

TEST(KafkaSink, ProducesRefusedEventsAgainWithTheRetryPolicy) {
  InProcessCluster cluster;
  AckLog log;
  auto options = options_for(cluster, "again");
  options.on_permanent_error = PermanentErrorPolicy::retry;
  options.permanent_retry_interval = std::chrono::milliseconds(100);
  auto sink = open_sink(options, log.callback());
  {
    SequenceBatch warm_up(100, 1);
    sink->write(warm_up.encoded);
    sink->flush();
  }
  // The broker refuses once; the sink produces the refused events again and they get through.
  rd_kafka_mock_push_request_errors(cluster.get(), 0 /* Produce */, 1,
                                    RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
  SequenceBatch batch(0, 5);
  batch.encoded.ticket = 9;
  sink->write(batch.encoded);
  sink->flush();
  const auto acks = log.acks();
  ASSERT_EQ(acks.size(), 2u);
  EXPECT_EQ(acks[1], std::make_pair(std::uint64_t{9}, Delivery::delivered));
  EXPECT_GE(sink->kafka_counters().failed, 1u);
  EXPECT_EQ(sink->kafka_counters().retried, sink->kafka_counters().failed);
  EXPECT_EQ(sink->held_events(), 0u);
  EXPECT_EQ(values_in(cluster, "again", 6).size(), 6u);
}

TEST(KafkaSink, WritesPermanentlyRefusedEventsToTheDeadLetterFile) {
  InProcessCluster cluster;
  test::TempDir dir;
  AckLog log;
  SequenceBatch batch(0, 3);
  SequenceBatch large(3, 1, 5000);
  batch.encoded.ticket = 1;
  large.encoded.ticket = 2;
  auto options = with_small_limit(cluster, "dead");
  options.on_permanent_error = PermanentErrorPolicy::dead_letter;
  options.dead_letter = (dir / "dlq" / "kafka.ndjson").string();
  {
    auto sink = open_sink(options, log.callback());
    sink->write(batch.encoded);
    sink->write(large.encoded);
    sink->flush();
    EXPECT_EQ(sink->counters().dead_lettered, 1u);
    EXPECT_EQ(sink->held_events(), 0u);
  }
  for (const auto& [ticket, delivery] : log.acks()) EXPECT_EQ(delivery, Delivery::delivered);
  EXPECT_EQ(log.acks().size(), 2u);
  const std::string dead = test::read_file(options.dead_letter);
  const auto lines = test::split_lines(dead);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("\"code\":\"MSG_SIZE_TOO_LARGE\""), std::string_view::npos) << lines[0];
  EXPECT_NE(lines[0].find("\"topic\":\"dead\""), std::string_view::npos);
  EXPECT_NE(lines[0].find("\"event\":{\"seq\":3,\"pad\":\"xxx"), std::string_view::npos);
  EXPECT_EQ(values_in(cluster, "dead", 3).size(), 3u);
}

TEST(KafkaSink, BlocksOnAFullQueueInsteadOfDropping) {
  InProcessCluster cluster;
  AckLog log;
  SequenceBatch batch(0, 2000);
  auto options = options_for(cluster, "full");
  options.librdkafka["queue.buffering.max.messages"] = "10";
  {
    auto sink = open_sink(options, log.callback());
    sink->write(batch.encoded);
    sink->flush();
    EXPECT_GT(sink->kafka_counters().queue_full_waits, 0u);
    EXPECT_EQ(sink->kafka_counters().delivered, 2000u);
  }
  ASSERT_EQ(log.acks().size(), 1u);
  EXPECT_EQ(log.acks()[0].second, Delivery::delivered);
  EXPECT_EQ(values_in(cluster, "full", 2000).size(), 2000u);
}

TEST(KafkaSink, ProducesExpiredMessagesAgainUntilDelivered) {
  InProcessCluster cluster;
  AckLog log;
  SequenceBatch batch(0, 100);
  auto options = options_for(cluster, "expire");
  options.librdkafka["message.timeout.ms"] = "300";
  {
    auto sink = open_sink(options, log.callback());
    ASSERT_EQ(rd_kafka_mock_broker_set_down(cluster.get(), 1), RD_KAFKA_RESP_ERR_NO_ERROR);
    sink->write(batch.encoded);
    // Down for several message timeouts: librdkafka gives up on each message at least once.
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    ASSERT_EQ(rd_kafka_mock_broker_set_up(cluster.get(), 1), RD_KAFKA_RESP_ERR_NO_ERROR);
    sink->flush();
    EXPECT_GE(sink->kafka_counters().retried, 100u);
  }
  ASSERT_EQ(log.acks().size(), 1u);
  EXPECT_EQ(log.acks()[0].second, Delivery::delivered);
  const auto values = values_in(cluster, "expire", 0);
  EXPECT_EQ(std::set<std::string>(values.begin(), values.end()).size(), 100u);
}

TEST(KafkaSink, GivesUpAtShutdownWithRetryWhenTheClusterStaysDown) {
  InProcessCluster cluster;
  AckLog log;
  SequenceBatch batch(0, 5);
  auto options = options_for(cluster, "down");
  options.shutdown_timeout = std::chrono::milliseconds(300);
  std::atomic<bool> stopping{false};
  ASSERT_EQ(rd_kafka_mock_broker_set_down(cluster.get(), 1), RD_KAFKA_RESP_ERR_NO_ERROR);
  {
    auto sink = open_sink(options, log.callback(), &stopping);
    sink->write(batch.encoded);
    stopping = true;
    sink->flush();
  }
  ASSERT_EQ(log.acks().size(), 1u);
  EXPECT_EQ(log.acks()[0].second, Delivery::retry);
}

// With enable.gapless.guarantee, a broker's OUT_OF_ORDER_SEQUENCE_NUMBER is a fatal error of the
// idempotent producer (rd_kafka_fatal_error), as a sequence desynchronisation is in a real cluster.
KafkaSinkOptions with_fatal_sequence_errors(const InProcessCluster& cluster, std::string topic) {
  auto options = options_for(cluster, std::move(topic));
  options.librdkafka["enable.gapless.guarantee"] = "true";
  options.shutdown_timeout = std::chrono::seconds(1);  // a failing test does not hang
  return options;
}

// Reads `topic` until every value of sequence numbers [first, first + count) arrived (duplicates
// may come too); returns the ones that did not.
std::set<std::string> missing_values(const InProcessCluster& cluster, const std::string& topic,
                                     std::uint64_t first, std::uint64_t count) {
  std::set<std::string> missing;
  for (std::uint64_t seq = first; seq < first + count; ++seq) {
    missing.insert("{\"seq\":" + std::to_string(seq) + "}");
  }
  test::ReadOptions read;
  read.done = [&] { return missing.empty(); };
  read.settle = std::chrono::milliseconds(100);
  test::read_topic(cluster.bootstraps(), topic, read,
                   [&](const test::ConsumedMessage& m) { missing.erase(std::string(m.value)); });
  return missing;
}

TEST(KafkaSink, RebuildsTheProducerAfterAFatalErrorAndDeliversBatchesFromBeforeAndAfter) {
  InProcessCluster cluster;
  AckLog log;
  auto sink = open_sink(with_fatal_sequence_errors(cluster, "fatal"), log.callback());
  SequenceBatch warm_up(1000, 1);  // the producer has its id and the topic exists
  warm_up.encoded.ticket = 1;
  sink->write(warm_up.encoded);
  sink->flush();
  rd_kafka_mock_push_request_errors(cluster.get(), 0 /* Produce */, 1,
                                    RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER);
  SequenceBatch before(0, 50);
  before.encoded.ticket = 2;
  sink->write(before.encoded);
  // The error came back and failed messages of `before`: the producer is fatal from now on.
  ASSERT_TRUE(eventually([&] { return sink->kafka_counters().retried > 0; }, 10s));
  SequenceBatch after(50, 50);
  after.encoded.ticket = 3;
  sink->write(after.encoded);
  const auto acks = log.wait_for(3, 20s);
  ASSERT_EQ(acks.size(), 3u);
  EXPECT_EQ(acks[1], std::make_pair(std::uint64_t{2}, Delivery::delivered));
  EXPECT_EQ(acks[2], std::make_pair(std::uint64_t{3}, Delivery::delivered));
  EXPECT_EQ(sink->kafka_counters().rebuilt, 1u);
  // Duplicates are possible (a message may have reached the log before the producer failed):
  // every event is there at least once.
  EXPECT_EQ(missing_values(cluster, "fatal", 0, 100), std::set<std::string>{});
}

TEST(KafkaSink, WaitsBeforeRebuildingAProducerThatFailsAgainAtOnce) {
  InProcessCluster cluster;
  AckLog log;
  auto sink = open_sink(with_fatal_sequence_errors(cluster, "refail"), log.callback());
  SequenceBatch warm_up(1000, 1);
  warm_up.encoded.ticket = 1;
  sink->write(warm_up.encoded);
  sink->flush();
  // The first request of the new producer fails the same way.
  rd_kafka_mock_push_request_errors(cluster.get(), 0 /* Produce */, 2,
                                    RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER,
                                    RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER);
  SequenceBatch batch(0, 20);
  batch.encoded.ticket = 2;
  sink->write(batch.encoded);
  ASSERT_TRUE(eventually([&] { return sink->kafka_counters().rebuilt >= 1; }, 10s));
  const auto first_rebuild = std::chrono::steady_clock::now();
  ASSERT_TRUE(eventually([&] { return sink->kafka_counters().rebuilt >= 2; }, 10s));
  const auto waited = std::chrono::steady_clock::now() - first_rebuild;
  EXPECT_GE(waited, 900ms);
  const auto acks = log.wait_for(2, 20s);
  ASSERT_EQ(acks.size(), 2u);
  EXPECT_EQ(acks[1], std::make_pair(std::uint64_t{2}, Delivery::delivered));
  EXPECT_EQ(sink->kafka_counters().rebuilt, 2u);
  EXPECT_EQ(missing_values(cluster, "refail", 0, 20), std::set<std::string>{});
}

TEST(KafkaSink, RefusesAConfigurationLibrdkafkaRejects) {
  KafkaSinkOptions options;
  options.brokers = "127.0.0.1:1";
  options.librdkafka["no.such.property"] = "1";
  const auto sink = KafkaSink::create(SinkConfig{"out", "kafka", {}}, options, SinkEnvironment{});
  ASSERT_FALSE(sink);
  EXPECT_EQ(sink.error().code(), ErrorCode::invalid_config);
  EXPECT_NE(sink.error().message().find("no.such.property"), std::string::npos);
}

}  // namespace
}  // namespace horolog
