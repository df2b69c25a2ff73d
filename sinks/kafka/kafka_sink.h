// The Kafka sink: one message per event (its NDJSON line), topic from a template, key and headers
// per the options. A batch is acknowledged `delivered` only when every message has a successful
// delivery report; transient errors are retried forever; QUEUE_FULL blocks write() (backpressure);
// permanent errors follow `on_permanent_error` (held events wait for reopen(), SIGHUP); a fatal
// error of the producer replaces it. A poll thread serves the delivery reports and replaces the
// producer.
#pragma once

#include <librdkafka/rdkafka.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "sinks/dead_letter_file.h"
#include "sinks/kafka/kafka_batch_tracker.h"
#include "sinks/kafka/kafka_key.h"
#include "sinks/kafka/kafka_producer.h"
#include "sinks/kafka/kafka_rebuild_backoff.h"
#include "sinks/kafka/kafka_sink_options.h"
#include "sinks/kafka/kafka_topic.h"
#include "sinks/sink.h"

namespace horolog {

// Kafka-specific counters, in messages (one message = one event).
struct KafkaCounters {
  std::atomic<std::uint64_t> produced{0};          // handed to librdkafka (first attempts)
  std::atomic<std::uint64_t> delivered{0};         // confirmed by the cluster
  std::atomic<std::uint64_t> retried{0};           // produced again after an error
  std::atomic<std::uint64_t> failed{0};            // permanent errors (each attempt)
  std::atomic<std::uint64_t> queue_full_waits{0};  // write() waited for room in the queue
  std::atomic<std::uint64_t> rebuilt{0};           // producers built anew after a fatal error
};

class KafkaSink final : public Sink {
 public:
  // invalid_config when the topic template or the librdkafka configuration is refused.
  // `env.stopping` (may be null): once true, flush() acknowledges held batches `rejected`, waits
  // at most `shutdown_timeout` and then acknowledges what is still unconfirmed as `retry`.
  // `env.one_shot`: nobody will send SIGHUP, so batches are never held: `rejected` at once.
  static Result<std::unique_ptr<KafkaSink>> create(const SinkConfig& config,
                                                   const KafkaSinkOptions& options,
                                                   const SinkEnvironment& env);
  ~KafkaSink() override;
  KafkaSink(const KafkaSink&) = delete;
  KafkaSink& operator=(const KafkaSink&) = delete;

  void write(const EncodedBatch& batch) override;
  // Returns once every batch is acknowledged or waits only for held events (which wait for
  // reopen(), or are acknowledged `rejected` once stopping).
  void flush() override;
  // Nothing is due on a timer: acknowledgements follow delivery reports on their own, and
  // linger.ms decides when messages leave. Waiting here would hold up the writers.
  void flush_due() override {}
  // SIGHUP: produces the held events again (the operator fixed the cause), after refreshing the
  // cluster's metadata so that a topic created meanwhile is known.
  void reopen() override;
  const SinkCounters& counters() const noexcept override { return counters_; }
  const KafkaCounters& kafka_counters() const noexcept { return kafka_; }
  // Events refused for good and held now, waiting for reopen() (on_permanent_error: hold).
  std::uint64_t held_events() const noexcept { return held_; }

 private:
  KafkaSink(std::string name, KafkaSinkOptions options, KafkaTopic topic,
            const SinkEnvironment& env);
  // Opens the producer (its callbacks reach this object) and starts the poll thread.
  Result<void> start();

  using Batch = KafkaBatchTracker::Batch;
  using Clock = std::chrono::steady_clock;
  // How long the poll thread waits for reports at a time, and writers for a new producer.
  static constexpr int kPollMs = 50;

  struct HeadersDeleter {
    void operator()(rd_kafka_headers_t* headers) const noexcept {
      rd_kafka_headers_destroy(headers);
    }
  };
  // A message to produce again (after an error, or with a new producer); owns copies of
  // everything, since the report that carried it is gone by then.
  struct Resend {
    std::string topic;
    std::string key;
    bool has_key = false;
    std::string value;
    std::unique_ptr<rd_kafka_headers_t, HeadersDeleter> headers;  // librdkafka's once produced
    Batch* batch = nullptr;
    Clock::time_point due;
    bool refused = false;  // refused for good (retry policy): waits its interval in any case
  };
  // A message that failed, as seen by the failure handler (views; copied only when kept).
  struct Failure {
    rd_kafka_resp_err_t err;
    std::string_view topic;
    const void* key;
    std::size_t key_size;
    std::string_view value;
    const rd_kafka_headers_t* headers;  // may be null
    Batch* batch;
  };

  static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque);
  static void on_error(rd_kafka_t*, int err, const char* reason, void* opaque);
  static void on_log(const rd_kafka_t*, int level, const char* facility, const char* text);

  KafkaProducer::Callbacks callbacks() noexcept;
  rd_kafka_resp_err_t produce(rd_kafka_topic_t* topic, const char* topic_name, std::string_view key,
                              bool has_key, std::string_view value, const EncodedBatch* source,
                              std::size_t index, rd_kafka_headers_t* headers, Batch* batch);
  void handle_report(const rd_kafka_message_t& message);
  void handle_failure(const Failure& failure);
  static Resend copy_of(const Failure& failure);
  void schedule_resend(const Failure& failure, Clock::duration delay, bool refused);
  void resend_due();
  // Produces again what reopen() released, after a metadata refresh. Poll thread only.
  void produce_released();
  // At shutdown: held events are given up, their batches acknowledged `rejected`.
  void reject_held();
  void remind_held();
  void poll_loop();
  // After a fatal error: closes the producer (what it had not delivered is to be produced again),
  // and when the backoff allows, opens a new one and produces that first. Poll thread only.
  void renew_producer();
  // Holds the producer shared for producing, waiting while it is replaced; false when stopping.
  bool acquire_producer(std::shared_lock<std::shared_mutex>& lock);
  // Waits for every outstanding report; once `bounded` or stopping, rejects the held batches and
  // gives up after shutdown_timeout, acknowledging the rest as `retry`.
  void drain(bool bounded);
  bool stopping() const noexcept { return stopping_ != nullptr && stopping_->load(); }

  std::string name_;
  KafkaSinkOptions options_;
  KafkaTopic topic_;
  KafkaKey key_;
  bool header_format_ = false;
  bool header_host_ = false;
  bool header_input_ = false;
  const std::atomic<bool>* stopping_;
  bool one_shot_;
  SinkCounters counters_;
  KafkaCounters kafka_;
  KafkaBatchTracker tracker_;
  std::unique_ptr<DeadLetterFile> dead_letter_;

  // Producing (write(), drain()) holds the producer shared; the poll thread replaces it alone,
  // after raising `renewing_` so that writers let go of it and wait.
  KafkaProducer producer_;
  std::shared_mutex producer_mutex_;
  std::atomic<bool> renewing_{false};
  std::mutex renewed_mutex_;
  std::condition_variable renewed_;
  KafkaRebuildBackoff backoff_;                            // poll thread only
  Clock::time_point renew_at_ = Clock::time_point::max();  // poll thread only
  std::string topic_scratch_;
  std::string key_scratch_;

  std::mutex room_mutex_;  // write() waits here on QUEUE_FULL for reports to free room
  std::condition_variable room_;
  std::atomic<int> waiting_for_room_{0};

  std::mutex mutex_;  // guards everything below (poll thread vs writer)
  std::deque<Resend> resends_;
  std::set<std::pair<int, std::string>> reported_;  // (error, topic) pairs already logged
  std::vector<Resend> held_messages_;               // refused for good, waiting for reopen()
  std::vector<Resend> released_;                    // released by reopen(), to produce again
  bool rejecting_held_ = false;                     // stopping: nothing is held any more
  std::atomic<std::uint64_t> held_{0};              // held_messages_.size(), read unlocked
  std::string last_refusal_;
  Clock::time_point last_reminder_;
  Clock::time_point last_error_log_;
  int last_error_ = 0;

  std::atomic<bool> quit_{false};
  std::thread poller_;
};

}  // namespace horolog
