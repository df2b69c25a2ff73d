// Sorts librdkafka delivery errors into transient (retry forever) and permanent (the cluster will
// refuse these events again: routed by the sink's permanent-error policy).
#pragma once

#include <librdkafka/rdkafka.h>

namespace horolog {

enum class KafkaErrorClass {
  transient,  // broker down, timeouts, leader changes, queue full: retrying can succeed
  permanent,  // too large, unknown or invalid topic, not authorised: retrying alone cannot
};

KafkaErrorClass classify_kafka_error(rd_kafka_resp_err_t err) noexcept;

}  // namespace horolog
