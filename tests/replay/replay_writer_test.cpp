// The replay writer on its own: per-event clock estimates from the history, the out-of-range
// marker, and paced partial batches that keep every line beside its own event.
#include "agent/commands/replay/replay_writer.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace horolog {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const SysNanos kStart{seconds(1767225600)};  // 2026-01-01T00:00:00Z

// Keeps (event message, encoded line) pairs as the sinks received them, and acks at once.
class CapturingSink final : public Sink {
 public:
  explicit CapturingSink(AckCallback ack) : ack_(std::move(ack)) {}
  void write(const EncodedBatch& batch) override {
    EXPECT_EQ(batch.events->size, batch.line_ends.size());
    ++batches;
    for (std::size_t i = 0; i < batch.line_ends.size(); ++i) {
      received.emplace_back(std::string(batch.events->events[i].message),
                            std::string(batch.line(i)));
    }
    ack_(batch.ticket, Delivery::delivered);
  }
  void flush() override {}
  const SinkCounters& counters() const noexcept override { return counters_; }

  std::vector<std::pair<std::string, std::string>> received;
  int batches = 0;

 private:
  AckCallback ack_;
  SinkCounters counters_;
};

const char* const kMessages[] = {"m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"};

EventBatch batch_at(const std::vector<SysNanos>& times) {
  EventBatch batch;
  for (std::size_t i = 0; i < times.size(); ++i) {
    Event& event = batch.next_event();
    event.timestamp = times[i];
    event.created = times[i];
    event.stamped_by_host_clock = true;
    event.message = kMessages[i];
  }
  return batch;
}

struct Fixture {
  SinkSet sinks;
  CapturingSink* sink = nullptr;
  RunStats stats;
  std::atomic<bool> stop{false};
  Fixture() {
    auto owned = std::make_unique<CapturingSink>(sinks.ack_callback());
    sink = owned.get();
    sinks.add("capture", std::move(owned));
  }
};

TEST(ReplayWriter, CorrectsEventsInsideTheHistoryAndMarksThoseOutsideIt) {
  Fixture f;
  const OffsetTimeline history(
      {{kStart, milliseconds(-50), {}}, {kStart + seconds(100), milliseconds(30), {}}});
  ReplayWriter writer(f.sinks, f.stats, &history, Pacer::unpaced(), f.stop);
  writer.set_format("rfc3164");
  writer.write(batch_at({kStart - seconds(1), kStart + seconds(50), kStart + seconds(101)}), 100);
  ASSERT_EQ(f.sink->received.size(), 3u);
  const std::string& before = f.sink->received[0].second;
  const std::string& inside = f.sink->received[1].second;
  const std::string& after = f.sink->received[2].second;
  EXPECT_NE(before.find(R"("source":"history_out_of_range")"), std::string::npos) << before;
  EXPECT_EQ(before.find("corrected"), std::string::npos) << before;
  EXPECT_NE(inside.find(R"("corrected":"2026-01-01T00:00:49.990000Z")"), std::string::npos)
      << inside;
  EXPECT_NE(inside.find(R"("source":"history")"), std::string::npos) << inside;
  EXPECT_NE(after.find(R"("source":"history_out_of_range")"), std::string::npos) << after;
  EXPECT_EQ(writer.counters().events, 3u);
  EXPECT_EQ(writer.counters().corrected, 1u);
  EXPECT_EQ(writer.counters().out_of_range, 2u);
}

TEST(ReplayWriter, AttachesNoHostClockWithoutHistory) {
  Fixture f;
  ReplayWriter writer(f.sinks, f.stats, nullptr, Pacer::unpaced(), f.stop);
  writer.write(batch_at({kStart}), 10);
  ASSERT_EQ(f.sink->received.size(), 1u);
  EXPECT_EQ(f.sink->received[0].second.find("clock"), std::string::npos);
  EXPECT_EQ(f.sink->batches, 1);
}

TEST(ReplayWriter, PacedPartialBatchesKeepEachLineBesideItsEvent) {
  Fixture f;
  // 2 events/s: the three events are due 0, 500 and 1000 ms after the start, so the batch is
  // cut unless encoding three events took a whole second.
  ReplayWriter writer(f.sinks, f.stats, nullptr, Pacer::at_rate(2), f.stop);
  writer.write(batch_at({kStart, kStart + seconds(1), kStart + seconds(2)}), 100);
  ASSERT_EQ(f.sink->received.size(), 3u);
  EXPECT_GT(f.sink->batches, 1);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(f.sink->received[i].first, kMessages[i]);
    const std::string expected = std::string("\"message\":\"") + kMessages[i] + "\"";
    EXPECT_NE(f.sink->received[i].second.find(expected), std::string::npos)
        << f.sink->received[i].second;
  }
}

}  // namespace
}  // namespace horolog
