// Producer defaults chosen for at-least-once delivery: every in-sync replica acknowledges,
// idempotence keeps librdkafka's own retries free of duplicates and reordering, and messages
// never expire locally (the sink would otherwise have to produce them again itself). The options'
// librdkafka check builds the same configuration, so check-config refuses what the sink would.
#include "sinks/kafka/kafka_config.h"

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

Result<void> set(rd_kafka_conf_t* conf, std::string_view name, std::string_view value) {
  char error[512];
  const std::string key(name);
  const std::string text(value);
  if (rd_kafka_conf_set(conf, key.c_str(), text.c_str(), error, sizeof error) != RD_KAFKA_CONF_OK) {
    return fail(ErrorCode::invalid_config, "librdkafka property " + key + ": " + error);
  }
  return {};
}

}  // namespace

Result<KafkaConf> make_producer_conf(const KafkaSinkOptions& options) {
  KafkaConf conf(rd_kafka_conf_new());
  for (const KafkaDefault& d : kProducerDefaults) {
    if (Result<void> ok = set(conf.get(), d.name, d.value); !ok) return fail(ok.error());
  }
  for (const auto& [name, value] : options.librdkafka) {
    if (Result<void> ok = set(conf.get(), name, value); !ok) return fail(ok.error());
  }
  if (Result<void> ok = set(conf.get(), "bootstrap.servers", options.brokers); !ok) {
    return fail(ok.error());
  }
  return conf;
}

std::string KafkaSinkOptions::librdkafka_problem() const {
  const Result<KafkaConf> conf = make_producer_conf(*this);
  return conf ? std::string() : conf.error().message();
}

}  // namespace horolog
