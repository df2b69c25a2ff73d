// When the Kafka sink builds a new producer after a fatal error: at once after a producer that
// lived, later and later while new producers fail at once, never more than a minute apart.
#include "sinks/kafka/kafka_rebuild_backoff.h"

#include <gtest/gtest.h>

namespace horolog {
namespace {

using namespace std::chrono_literals;
using Clock = KafkaRebuildBackoff::Clock;

TEST(KafkaRebuildBackoff, RebuildsAtOnceAfterTheFirstProducerFails) {
  KafkaRebuildBackoff backoff;
  EXPECT_EQ(backoff.after_failure(Clock::now()), Clock::duration::zero());
}

TEST(KafkaRebuildBackoff, DoublesTheWaitWhileNewProducersFailAtOnceUpToAMinute) {
  KafkaRebuildBackoff backoff;
  auto now = Clock::time_point() + 1h;
  EXPECT_EQ(backoff.after_failure(now), Clock::duration::zero());
  const std::chrono::seconds expected[] = {1s, 2s, 4s, 8s, 16s, 32s, 60s, 60s};
  for (const auto wait : expected) {
    backoff.attempted(now);
    now += 100ms;  // the new producer fails at once, or cannot be built
    EXPECT_EQ(backoff.after_failure(now), wait);
    now += wait;
  }
}

TEST(KafkaRebuildBackoff, StartsOverAfterAProducerLivedAMinute) {
  KafkaRebuildBackoff backoff;
  auto now = Clock::time_point() + 1h;
  backoff.attempted(now);
  EXPECT_EQ(backoff.after_failure(now + 1s), 1s);
  backoff.attempted(now + 2s);
  EXPECT_EQ(backoff.after_failure(now + 3s), 2s);
  now += 5s;
  backoff.attempted(now);
  EXPECT_EQ(backoff.after_failure(now + 61s), Clock::duration::zero());
  backoff.attempted(now + 61s);
  EXPECT_EQ(backoff.after_failure(now + 62s), 1s);
}

}  // namespace
}  // namespace horolog
