// One control command of the test broker, applied to the mock cluster: `down N|all`, `up N|all`,
// `rtt N MS`, `leader TOPIC PART N`, `create TOPIC PARTS`, `error produce|metadata CODE [COUNT]`,
// `topic-error TOPIC CODE`. Each returns the reply line the broker prints (`ok` or `error: ...`).
#pragma once

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <string>
#include <string_view>

namespace horolog::test {

// `broker_count` bounds the broker ids (1..broker_count) and stands for `all`.
std::string apply_broker_command(rd_kafka_mock_cluster_t* cluster, int broker_count,
                                 std::string_view line);

// A Kafka error by its name without the RD_KAFKA_RESP_ERR_ prefix (MSG_SIZE_TOO_LARGE) or by
// number; false when unknown.
bool parse_kafka_error(std::string_view text, rd_kafka_resp_err_t& err);

}  // namespace horolog::test
