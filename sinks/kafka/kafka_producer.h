// The librdkafka producer of a Kafka sink and its topic handles, built from the sink's options with
// the sink's callbacks. A fatal error of the idempotent producer ends a producer for good, so the
// sink closes it and opens a new one (a new producer id and epoch). Not thread-safe: the sink
// decides who may use it when.
#pragma once

#include <librdkafka/rdkafka.h>

#include <string>
#include <unordered_map>

#include "normalizer/error.h"
#include "sinks/kafka/kafka_sink_options.h"

namespace horolog {

class KafkaProducer {
 public:
  struct Callbacks {
    void* opaque = nullptr;
    void (*delivery)(rd_kafka_t*, const rd_kafka_message_t*, void*) = nullptr;
    void (*error)(rd_kafka_t*, int, const char*, void*) = nullptr;
    void (*log)(const rd_kafka_t*, int, const char*, const char*) = nullptr;
  };

  KafkaProducer() = default;
  ~KafkaProducer() { close(); }
  KafkaProducer(const KafkaProducer&) = delete;
  KafkaProducer& operator=(const KafkaProducer&) = delete;

  // invalid_config when librdkafka refuses the configuration.
  Result<void> open(const KafkaSinkOptions& options, const Callbacks& callbacks);
  // Purges every message still queued or in flight and serves their (failed) reports through the
  // delivery callback before the handle is destroyed, so no message leaves without a report.
  void close();

  bool is_open() const noexcept { return handle_ != nullptr; }
  rd_kafka_t* get() const noexcept { return handle_; }
  // The handle of topic `name`, kept while the producer lives; null when librdkafka refuses it.
  rd_kafka_topic_t* topic(const std::string& name);
  // The fatal error the producer raised (its reason in `reason`); NO_ERROR while it is usable.
  rd_kafka_resp_err_t fatal_error(std::string* reason = nullptr) const;

 private:
  rd_kafka_t* handle_ = nullptr;
  std::unordered_map<std::string, rd_kafka_topic_t*> topics_;
};

}  // namespace horolog
