// Producer defaults chosen for at-least-once delivery: every in-sync replica acknowledges,
// idempotence keeps librdkafka's own retries free of duplicates and reordering, and messages
// never expire locally (the sink would otherwise have to produce them again itself).
#include "sinks/kafka/kafka_config.h"

#include <stdexcept>
#include <string>
#include <string_view>

namespace horolog {

namespace {

struct KafkaDefault {
  std::string_view name;
  std::string_view value;
};

// Applied first, so the user's `librdkafka:` map overrides any of them.
constexpr KafkaDefault kProducerDefaults[] = {
    {"acks", "all"},
    {"enable.idempotence", "true"},
    {"compression.type", "zstd"},
    {"linger.ms", "20"},
    {"batch.size", "1000000"},
    {"message.timeout.ms", "0"},
    // Enough queued messages to ride out a short outage before backpressure reaches the files.
    {"queue.buffering.max.messages", "200000"},
};

void set(rd_kafka_conf_t* conf, std::string_view name, std::string_view value) {
  char error[512];
  const std::string key(name);
  const std::string text(value);
  if (rd_kafka_conf_set(conf, key.c_str(), text.c_str(), error, sizeof error) != RD_KAFKA_CONF_OK) {
    throw std::invalid_argument("librdkafka property " + key + ": " + error);
  }
}

}  // namespace

KafkaConf make_producer_conf(const KafkaSinkOptions& options) {
  KafkaConf conf(rd_kafka_conf_new());
  for (const KafkaDefault& d : kProducerDefaults) set(conf.get(), d.name, d.value);
  for (const auto& [name, value] : options.librdkafka) set(conf.get(), name, value);
  set(conf.get(), "bootstrap.servers", options.brokers);
  return conf;
}

}  // namespace horolog
