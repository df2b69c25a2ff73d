// When the Kafka sink builds a new producer after a fatal error: at once, unless the last attempt
// to build one was less than a minute earlier (a cluster that makes every new producer fail at
// once, a build that fails): then after 1 s, doubling up to 60 s, so the sink never spins.
#pragma once

#include <chrono>
#include <optional>

namespace horolog {

class KafkaRebuildBackoff {
 public:
  using Clock = std::chrono::steady_clock;

  // A producer is about to be built at `now`.
  void attempted(Clock::time_point now) { attempted_ = now; }
  // The wait before the next build, after a producer failed for good (or could not be built) at
  // `now`.
  Clock::duration after_failure(Clock::time_point now);

 private:
  std::optional<Clock::time_point> attempted_;  // none: the first producer, built at start-up
  Clock::duration delay_{0};
};

}  // namespace horolog
