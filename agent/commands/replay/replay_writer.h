// The end of the replay pipeline: attaches the historical clock estimate to each event (from the
// offset timeline at the event's own time, not one estimate per batch as when tailing), encodes,
// paces and hands the lines to the sinks.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "agent/commands/replay/pacer.h"
#include "agent/engine/batch_output.h"
#include "agent/engine/run_stats.h"
#include "agent/engine/sink_set.h"
#include "normalizer/clock/offset_timeline.h"
#include "sinks/ndjson_encoder.h"

namespace horolog {

// host.clock.source of an event whose time lies outside the clock history: nothing is known
// about the host clock then, so it is marked instead of corrected.
inline constexpr std::string_view kHistoryOutOfRange = "history_out_of_range";

struct ReplayCounters {
  std::uint64_t events = 0;
  std::uint64_t corrected = 0;     // got horolog.time.corrected (history or time change)
  std::uint64_t out_of_range = 0;  // timed events outside the history's span
};

class ReplayWriter final : public BatchOutput {
 public:
  // `history` null: no host.clock on events. `stop` ends waits for pacing early.
  ReplayWriter(SinkSet& sinks, RunStats& stats, const OffsetTimeline* history, Pacer pacer,
               const std::atomic<bool>& stop, const FieldSelection& fields = {});

  // The format name recorded for the batches that follow (summary, `{format}` in sink paths).
  void set_format(std::string format) { format_ = std::move(format); }
  // Writes `batch`, which covers `bytes` of input; with pacing, waits until each event is due.
  void write(const EventBatch& batch, std::uint64_t bytes);

  // BatchOutput: the read loop's batches, written as write() writes them. Replay reads archives
  // once and keeps no checkpoints, so it tracks no delivery: there is no completion to call.
  EventBatch& next_batch() override { return batch_; }
  void write(std::uint64_t bytes, SinkSet::Completion) override { write(batch_, bytes); }
  void count_skipped(std::uint64_t records) override { stats_.count_skipped(format_, records); }

  const ReplayCounters& counters() const noexcept { return counters_; }

 private:
  void encode(const Event& event);
  // Sends events [first, end) of `batch` (already encoded) to the sinks.
  void send(const EventBatch& batch, std::size_t first, std::size_t end);
  void wait_until(std::chrono::steady_clock::time_point when) const;

  SinkSet& sinks_;
  RunStats& stats_;
  const OffsetTimeline* history_;
  Pacer pacer_;
  const std::atomic<bool>& stop_;
  std::string format_;
  std::chrono::steady_clock::time_point started_{};
  bool have_started_ = false;
  ReplayCounters counters_;
  NdjsonEncoder encoder_;
  ClockEstimate estimate_;
  Event marked_;         // a copy of an out-of-range event, with its marker field
  std::string storage_;  // the encoded lines of the current batch
  std::vector<std::uint32_t> line_ends_;
  EventBatch part_;  // paced: the events of a partial batch
  EncodedBatch encoded_;
  EventBatch batch_;  // what next_batch() hands out
};

}  // namespace horolog
