// For unit tests of the Kafka sink: a mock cluster inside the test process, and batches of
// events whose NDJSON lines are `{"seq":N}`.
#pragma once

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <cstdint>
#include <string>

#include "sinks/sink.h"

namespace horolog::test {

class InProcessCluster {
 public:
  explicit InProcessCluster(int brokers = 1);
  ~InProcessCluster();
  InProcessCluster(const InProcessCluster&) = delete;
  InProcessCluster& operator=(const InProcessCluster&) = delete;

  rd_kafka_mock_cluster_t* get() const noexcept { return cluster_; }
  std::string bootstraps() const { return rd_kafka_mock_cluster_bootstraps(cluster_); }

 private:
  rd_kafka_t* handle_ = nullptr;
  rd_kafka_mock_cluster_t* cluster_ = nullptr;
};

// `count` events (host "web1", input "app") numbered from `first`; payload bytes pad each line.
struct SequenceBatch {
  SequenceBatch(std::uint64_t first, std::size_t count, std::size_t padding = 0);
  SequenceBatch(const SequenceBatch&) = delete;
  SequenceBatch& operator=(const SequenceBatch&) = delete;

  EventBatch events;
  std::string ndjson;
  EncodedBatch encoded;
};

}  // namespace horolog::test
