// A producer that lived a minute ran long enough to be worth replacing at once: the backoff starts
// over. One that failed sooner points at a cause a new producer meets again.
#include "sinks/kafka/kafka_rebuild_backoff.h"

#include <algorithm>

namespace horolog {

namespace {

constexpr auto kStableLifetime = std::chrono::minutes(1);
constexpr auto kFirstDelay = std::chrono::seconds(1);
constexpr auto kLongestDelay = std::chrono::seconds(60);

}  // namespace

KafkaRebuildBackoff::Clock::duration KafkaRebuildBackoff::after_failure(Clock::time_point now) {
  if (!attempted_ || now - *attempted_ >= kStableLifetime) {
    delay_ = Clock::duration::zero();
  } else if (delay_ == Clock::duration::zero()) {
    delay_ = kFirstDelay;
  } else {
    delay_ = std::min<Clock::duration>(delay_ * 2, kLongestDelay);
  }
  return delay_;
}

}  // namespace horolog
