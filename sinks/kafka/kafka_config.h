// Builds the librdkafka producer configuration of a Kafka sink: the sink's delivery defaults,
// then the user's `librdkafka:` map verbatim (so TLS, SASL and tuning work), then `brokers`.
#pragma once

#include <librdkafka/rdkafka.h>

#include <memory>

#include "normalizer/error.h"
#include "sinks/kafka/kafka_sink_options.h"

namespace horolog {

struct KafkaConfDeleter {
  void operator()(rd_kafka_conf_t* conf) const noexcept { rd_kafka_conf_destroy(conf); }
};
using KafkaConf = std::unique_ptr<rd_kafka_conf_t, KafkaConfDeleter>;

// invalid_config naming the property librdkafka refused.
Result<KafkaConf> make_producer_conf(const KafkaSinkOptions& options);

}  // namespace horolog
