// A plain assign-based consumer: no group coordination, offsets from the beginning.
#include "tests/kafka/kafka_reader.h"

#include <librdkafka/rdkafka.h>

#include <memory>
#include <stdexcept>

namespace horolog::test {

namespace {

struct ConsumerDeleter {
  void operator()(rd_kafka_t* consumer) const noexcept {
    rd_kafka_consumer_close(consumer);
    rd_kafka_destroy(consumer);
  }
};

void set(rd_kafka_conf_t* conf, const char* name, const std::string& value) {
  char error[512];
  if (rd_kafka_conf_set(conf, name, value.c_str(), error, sizeof error) != RD_KAFKA_CONF_OK) {
    throw std::runtime_error(error);
  }
}

int partition_count(rd_kafka_t* consumer, const std::string& topic) {
  rd_kafka_topic_t* handle = rd_kafka_topic_new(consumer, topic.c_str(), nullptr);
  const rd_kafka_metadata_t* metadata = nullptr;
  int count = 0;
  if (rd_kafka_metadata(consumer, 0, handle, &metadata, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    if (metadata->topic_cnt == 1 && metadata->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      count = metadata->topics[0].partition_cnt;
    }
    rd_kafka_metadata_destroy(metadata);
  }
  rd_kafka_topic_destroy(handle);
  return count;
}

}  // namespace

std::uint64_t read_topic(const std::string& brokers, const std::string& topic,
                         const ReadOptions& options,
                         const std::function<void(const ConsumedMessage&)>& on_message) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  set(conf, "bootstrap.servers", brokers);
  set(conf, "group.id", "horolog-test-reader");
  set(conf, "enable.auto.commit", "false");
  set(conf, "log_level", "3");
  char error[512];
  std::unique_ptr<rd_kafka_t, ConsumerDeleter> consumer(
      rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error));
  if (!consumer) throw std::runtime_error(error);
  rd_kafka_poll_set_consumer(consumer.get());

  const int partitions = partition_count(consumer.get(), topic);
  if (partitions == 0) return 0;
  rd_kafka_topic_partition_list_t* assignment = rd_kafka_topic_partition_list_new(partitions);
  for (int p = 0; p < partitions; ++p) {
    rd_kafka_topic_partition_list_add(assignment, topic.c_str(), p)->offset =
        RD_KAFKA_OFFSET_BEGINNING;
  }
  rd_kafka_assign(consumer.get(), assignment);
  rd_kafka_topic_partition_list_destroy(assignment);

  std::uint64_t count = 0;
  auto last_message = std::chrono::steady_clock::now();
  auto idle_timeout = options.idle_timeout;
  while (options.expected == 0 || count < options.expected) {
    rd_kafka_message_t* message = rd_kafka_consumer_poll(consumer.get(), 100);
    if (message == nullptr) {
      if (std::chrono::steady_clock::now() - last_message >= idle_timeout) break;
      continue;
    }
    if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      ConsumedMessage consumed;
      consumed.key = std::string_view(static_cast<const char*>(message->key), message->key_len);
      consumed.value = std::string_view(static_cast<const char*>(message->payload), message->len);
      consumed.partition = message->partition;
      rd_kafka_headers_t* headers = nullptr;
      if (options.with_headers &&
          rd_kafka_message_headers(message, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        const char* name = nullptr;
        const void* value = nullptr;
        std::size_t size = 0;
        for (std::size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) ==
                                RD_KAFKA_RESP_ERR_NO_ERROR;
             ++i) {
          consumed.headers[name] = std::string(static_cast<const char*>(value), size);
        }
      }
      on_message(consumed);
      ++count;
      last_message = std::chrono::steady_clock::now();
      if (options.done && options.done()) idle_timeout = options.settle;
    }
    rd_kafka_message_destroy(message);
  }
  return count;
}

}  // namespace horolog::test
