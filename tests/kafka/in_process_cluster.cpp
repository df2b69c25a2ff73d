// The in-process cluster and the sequence batches of the Kafka sink's unit tests.
#include "tests/kafka/in_process_cluster.h"

#include <stdexcept>

namespace horolog::test {

InProcessCluster::InProcessCluster(int brokers) {
  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "log_level", "3", error, sizeof error);
  handle_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  if (handle_ == nullptr) throw std::runtime_error(error);
  cluster_ = rd_kafka_mock_cluster_new(handle_, brokers);
  if (cluster_ == nullptr) throw std::runtime_error("cannot create a mock cluster");
}

InProcessCluster::~InProcessCluster() {
  rd_kafka_mock_cluster_destroy(cluster_);
  rd_kafka_destroy(handle_);
}

SequenceBatch::SequenceBatch(std::uint64_t first, std::size_t count, std::size_t padding) {
  for (std::size_t i = 0; i < count; ++i) {
    Event& event = events.next_event();
    event.host = "web1";
    event.input_name = "app";
    event.pid = static_cast<std::int64_t>(first + i);
    ndjson += "{\"seq\":" + std::to_string(first + i);
    if (padding > 0) ndjson += ",\"pad\":\"" + std::string(padding, 'x') + "\"";
    ndjson += "}\n";
    encoded.line_ends.push_back(static_cast<std::uint32_t>(ndjson.size()));
  }
  encoded.events = &events;
  encoded.format = "rfc3164";
  encoded.ndjson = ndjson;
}

}  // namespace horolog::test
