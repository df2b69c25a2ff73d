// Opening and closing a producer. Closing waits for the reports of the purged messages: they carry
// the sink's batches, which would otherwise wait for them for ever.
#include "sinks/kafka/kafka_producer.h"

#include <chrono>

#include "sinks/kafka/kafka_config.h"

namespace horolog {

namespace {

// Purged messages are reported at once; this only bounds a librdkafka that would not.
constexpr auto kCloseLimit = std::chrono::seconds(5);

}  // namespace

Result<void> KafkaProducer::open(const KafkaSinkOptions& options, const Callbacks& callbacks) {
  Result<KafkaConf> conf = make_producer_conf(options);
  if (!conf) return fail(conf.error());
  rd_kafka_conf_set_opaque(conf->get(), callbacks.opaque);
  rd_kafka_conf_set_dr_msg_cb(conf->get(), callbacks.delivery);
  rd_kafka_conf_set_error_cb(conf->get(), callbacks.error);
  rd_kafka_conf_set_log_cb(conf->get(), callbacks.log);
  char error[512];
  handle_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf->get(), error, sizeof error);
  if (handle_ == nullptr) return fail(ErrorCode::invalid_config, error);
  (void)conf->release();  // rd_kafka_new took ownership
  return {};
}

void KafkaProducer::close() {
  if (handle_ == nullptr) return;
  rd_kafka_purge(handle_, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  const auto give_up = std::chrono::steady_clock::now() + kCloseLimit;
  while (rd_kafka_outq_len(handle_) > 0 && std::chrono::steady_clock::now() < give_up) {
    rd_kafka_poll(handle_, 50);
  }
  for (auto& [name, topic] : topics_) rd_kafka_topic_destroy(topic);
  topics_.clear();
  rd_kafka_destroy(handle_);
  handle_ = nullptr;
}

rd_kafka_topic_t* KafkaProducer::topic(const std::string& name) {
  auto it = topics_.find(name);
  if (it != topics_.end()) return it->second;
  rd_kafka_topic_t* topic = rd_kafka_topic_new(handle_, name.c_str(), nullptr);
  if (topic == nullptr) return nullptr;  // producing then names the topic and reports the error
  topics_.emplace(name, topic);
  return topic;
}

rd_kafka_resp_err_t KafkaProducer::fatal_error(std::string* reason) const {
  if (handle_ == nullptr) return RD_KAFKA_RESP_ERR_NO_ERROR;
  char text[512] = "";
  const rd_kafka_resp_err_t err = rd_kafka_fatal_error(handle_, text, sizeof text);
  if (reason != nullptr) *reason = text;
  return err;
}

}  // namespace horolog
