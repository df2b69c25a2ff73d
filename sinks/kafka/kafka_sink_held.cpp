// KafkaSink: events held under on_permanent_error: hold. They wait, with their batches pending,
// for SIGHUP (reopen()) to be produced again, and are given up at shutdown.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <vector>

#include "sinks/kafka/kafka_sink.h"

namespace horolog {

namespace {

constexpr auto kHeldReminderPeriod = std::chrono::seconds(60);
// How long a SIGHUP's metadata refresh may hold up the poll thread.
constexpr int kMetadataTimeoutMs = 2000;

}  // namespace

void KafkaSink::reopen() {
  std::size_t count = 0;
  {
    std::lock_guard lock(mutex_);
    count = held_messages_.size();
    for (Resend& held : held_messages_) {
      tracker_.unhold(held.batch);  // in flight again: flush() waits for it
      released_.push_back(std::move(held));
    }
    held_messages_.clear();
    held_ = 0;
    reported_.clear();  // a refusal that lasts is logged again
  }
  if (count > 0) {
    spdlog::info("kafka sink {}: SIGHUP: producing {} held event(s) again", name_, count);
  }
}

void KafkaSink::produce_released() {
  std::vector<Resend> released;
  {
    std::lock_guard lock(mutex_);
    released.swap(released_);
  }
  if (released.empty()) return;
  // librdkafka remembers a topic it was told does not exist (or may not be written) until its
  // next metadata refresh, minutes away: a topic created before the SIGHUP must be known now.
  const rd_kafka_metadata_t* metadata = nullptr;
  if (rd_kafka_metadata(producer_.get(), 1, nullptr, &metadata, kMetadataTimeoutMs) ==
      RD_KAFKA_RESP_ERR_NO_ERROR) {
    rd_kafka_metadata_destroy(metadata);
  }
  kafka_.retried += released.size();
  const auto now = Clock::now();
  std::lock_guard lock(mutex_);
  for (Resend& resend : released) {
    resend.due = now;
    resends_.push_back(std::move(resend));
  }
}

void KafkaSink::reject_held() {
  std::vector<Resend> held;
  {
    std::lock_guard lock(mutex_);
    rejecting_held_ = true;
    held.swap(held_messages_);
    held_ = 0;
  }
  if (held.empty()) return;
  spdlog::warn(
      "kafka sink {}: {} held event(s) not delivered at shutdown; their checkpoints stay before "
      "them and they are read again after the restart",
      name_, held.size());
  for (Resend& resend : held) {
    tracker_.unhold(resend.batch);
    tracker_.settle(resend.batch, KafkaBatchTracker::Outcome::refused);
  }
}

void KafkaSink::remind_held() {
  const auto now = Clock::now();
  if (held_ == 0 || now - last_reminder_ < kHeldReminderPeriod) return;
  last_reminder_ = now;
  std::lock_guard lock(mutex_);
  spdlog::error(
      "kafka sink {}: {} event(s) refused for good are held (last reason: {}); their batches "
      "stay unacknowledged: fix the cause, then `kill -HUP {}` produces them again",
      name_, held_.load(), last_refusal_, ::getpid());
}

}  // namespace horolog
