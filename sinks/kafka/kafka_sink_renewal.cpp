// KafkaSink: replacing a producer that failed for good (a fatal error of the idempotent
// producer). The poll thread closes it, so that every message it had not delivered comes back as a
// report to produce again, and opens a new one after the backoff; writers wait meanwhile.
#include <spdlog/spdlog.h>

#include <string>

#include "sinks/kafka/kafka_sink.h"

namespace horolog {

namespace {

// "at once" or "in N ms", for the log.
std::string when(std::chrono::steady_clock::duration delay) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(delay).count();
  return ms <= 0 ? "at once" : "in " + std::to_string(ms) + " ms";
}

}  // namespace

bool KafkaSink::acquire_producer(std::shared_lock<std::shared_mutex>& lock) {
  for (;;) {
    while (renewing_) {
      if (stopping()) return false;
      std::unique_lock wait(renewed_mutex_);
      renewed_.wait_for(wait, std::chrono::milliseconds(kPollMs), [this] { return !renewing_; });
    }
    lock.lock();
    if (!renewing_) return true;  // else the replacement began meanwhile
    lock.unlock();
  }
}

void KafkaSink::renew_producer() {
  const auto now = Clock::now();
  if (renew_at_ == Clock::time_point::max()) {
    renewing_ = true;
    std::string reason;
    const rd_kafka_resp_err_t err = producer_.fatal_error(&reason);
    const Clock::duration delay = backoff_.after_failure(now);
    renew_at_ = now + delay;
    spdlog::error(
        "kafka sink {}: the producer failed for good: {} ({}); a new one is built {} and "
        "produces again every event the old one had not delivered (the cluster may get some "
        "twice)",
        name_, reason, rd_kafka_err2name(err), when(delay));
  }
  if (now < renew_at_) return;
  {
    std::unique_lock lock(producer_mutex_);
    producer_.close();  // every message it had not delivered comes back as a resend
    backoff_.attempted(now);
    if (Result<void> opened = producer_.open(options_, callbacks()); !opened) {
      const Clock::duration delay = backoff_.after_failure(now);
      renew_at_ = now + delay;
      spdlog::error("kafka sink {}: cannot build a new producer: {}; trying again {}", name_,
                    opened.error().message(), when(delay));
      return;
    }
    ++kafka_.rebuilt;
    {
      // What the old producer had not delivered goes first, before the writers come back.
      std::lock_guard resends(mutex_);
      for (Resend& resend : resends_) {
        if (!resend.refused) resend.due = now;
      }
    }
    resend_due();
    renew_at_ = Clock::time_point::max();
    std::lock_guard renewed(renewed_mutex_);
    renewing_ = false;
  }
  renewed_.notify_all();
}

}  // namespace horolog
