// The end of the pipeline for one reading thread: encodes a parsed batch once and hands it to
// every sink. The encoder keeps scratch space, so each thread has its own; the SinkSet is shared.
#pragma once

#include <string>

#include "agent/engine/batch_output.h"
#include "agent/engine/run_stats.h"
#include "agent/engine/sink_set.h"
#include "normalizer/clock/clock_monitor.h"
#include "sinks/ndjson_encoder.h"

namespace horolog {

class BatchWriter final : public BatchOutput {
 public:
  // `format` names the batches in the summary and in sink templates (`{format}`).
  BatchWriter(SinkSet& sinks, RunStats& stats, std::string format,
              const FieldSelection& fields = {})
      : sinks_(sinks),
        stats_(stats),
        format_(std::move(format)),
        fields_(fields),
        encoder_(fields) {}

  // Where the host clock estimate comes from (nullptr: none is attached). Each batch gets the
  // estimate extrapolated to the moment it is encoded.
  void set_clock(const ClockMonitor* monitor) noexcept { monitor_ = monitor; }

  // BatchOutput: writes at once, on the calling thread.
  EventBatch& next_batch() override { return batch_; }
  void write(std::uint64_t bytes, SinkSet::Completion done) override {
    encode(batch_, bytes, batch_.size);
    deliver(std::move(done));
  }
  void count_skipped(std::uint64_t records) override { stats_.count_skipped(format_, records); }
  void configure(const OutputSettings& settings) override;

  // write() in steps, for a pipeline that spreads them over two threads: encode() encodes the
  // first `count` events of `batch` and keeps the lines; deliver() encodes the rest, then writes
  // them all (the batch must still be alive) and returns the ticket.
  void encode(const EventBatch& batch, std::uint64_t bytes, std::size_t count);
  std::uint64_t deliver(SinkSet::Completion done);

 private:
  SinkSet& sinks_;
  RunStats& stats_;
  std::string format_;
  FieldSelection fields_;  // what encoder_ was built with
  const ClockMonitor* monitor_ = nullptr;
  ClockEstimate estimate_;
  EncodeContext context_;
  NdjsonEncoder encoder_;
  std::string storage_;
  EncodedBatch encoded_;
  EventBatch batch_;  // what next_batch() hands out
};

}  // namespace horolog
