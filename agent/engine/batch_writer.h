// The per-source end of the pipeline: encodes a parsed batch once and hands it to every sink.
// One per reading thread (the encoder keeps scratch space); the SinkSet is shared.
#pragma once

#include <string>

#include "agent/engine/run_stats.h"
#include "agent/engine/sink_set.h"
#include "normalizer/clock/clock_monitor.h"
#include "sinks/ndjson_encoder.h"

namespace horolog {

class BatchWriter {
 public:
  BatchWriter(SinkSet& sinks, RunStats& stats, std::string format,
              const FieldSelection& fields = {})
      : sinks_(sinks), stats_(stats), format_(std::move(format)), encoder_(fields) {}

  // Where the host clock estimate comes from (nullptr: none is attached). Each batch gets the
  // estimate extrapolated to the moment it is encoded.
  void set_clock(const ClockMonitor* monitor) noexcept { monitor_ = monitor; }

  // Encodes and writes `batch`; `bytes` is how much input it covers (for the summary).
  std::uint64_t write(const EventBatch& batch, std::uint64_t bytes, SinkSet::Completion done = {}) {
    encode(batch, bytes, batch.size);
    return deliver(std::move(done));
  }
  // write() in steps, for a pipeline that spreads them over two threads: encode() encodes the
  // first `count` events and keeps the lines; deliver() encodes the rest, then writes them all
  // (the batch must still be alive) and returns the ticket.
  void encode(const EventBatch& batch, std::uint64_t bytes, std::size_t count);
  std::uint64_t deliver(SinkSet::Completion done);

 private:
  SinkSet& sinks_;
  RunStats& stats_;
  std::string format_;
  const ClockMonitor* monitor_ = nullptr;
  ClockEstimate estimate_;
  EncodeContext context_;
  NdjsonEncoder encoder_;
  std::string storage_;
  EncodedBatch encoded_;
};

}  // namespace horolog
