// The input's writing thread: every submitted batch reaches the sinks once, in order, with its
// own lines, while the input thread already fills the other batch.
#include "agent/engine/write_stage.h"

#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <vector>

#include "agent/engine/run_stats.h"
#include "agent/engine/sink_set.h"

namespace horolog {
namespace {

// Keeps every line it is given and acks each batch at once, like a file sink without fsync.
class RecordingSink : public Sink {
 public:
  explicit RecordingSink(AckCallback ack) : ack_(std::move(ack)) {}
  void write(const EncodedBatch& batch) override {
    {
      std::lock_guard lock(mutex_);
      for (std::size_t i = 0; i < batch.line_ends.size(); ++i) lines_.emplace_back(batch.line(i));
    }
    ack_(batch.ticket, Delivery::delivered);
  }
  void flush() override {}
  const SinkCounters& counters() const noexcept override { return counters_; }
  std::vector<std::string> lines() {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 private:
  AckCallback ack_;
  SinkCounters counters_;
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

// Fills `batch` the way a source does: bytes first, events viewing into them.
void fill(EventBatch& batch, int first, int count) {
  batch.clear();
  for (int i = first; i < first + count; ++i) batch.bytes += "line " + std::to_string(i) + ";";
  std::string_view text = batch.bytes;
  for (int i = 0; i < count; ++i) {
    const std::size_t end = text.find(';');
    Event& event = batch.next_event();
    event.message = text.substr(0, end);
    text.remove_prefix(end + 1);
  }
}

TEST(WriteStage, DeliversEverySubmittedBatchOnceInOrder) {
  SinkSet sinks;
  auto owned = std::make_unique<RecordingSink>(sinks.ack_callback());
  RecordingSink* sink = owned.get();
  sinks.add("recording", std::move(owned));
  RunStats stats;
  std::vector<int> completed;
  std::mutex completed_mutex;
  {
    WriteStage stage(sinks, stats, "rfc3164", FieldSelection{}, nullptr);
    constexpr int kBatches = 200;
    constexpr int kPerBatch = 37;
    for (int b = 0; b < kBatches; ++b) {
      fill(stage.next_batch(), b * kPerBatch, kPerBatch);
      stage.write(kPerBatch * 8, [&, b](std::uint64_t, bool delivered) {
        std::lock_guard lock(completed_mutex);
        if (delivered) completed.push_back(b);
      });
    }
    stage.drain();
    const auto lines = sink->lines();
    ASSERT_EQ(lines.size(), static_cast<std::size_t>(kBatches * kPerBatch));
    for (int i = 0; i < kBatches * kPerBatch; ++i) {
      EXPECT_NE(lines[static_cast<std::size_t>(i)].find("\"line " + std::to_string(i) + "\""),
                std::string::npos)
          << lines[static_cast<std::size_t>(i)];
    }
  }
  ASSERT_EQ(completed.size(), 200u);
  for (int b = 0; b < 200; ++b) EXPECT_EQ(completed[static_cast<std::size_t>(b)], b);
}

}  // namespace
}  // namespace horolog
