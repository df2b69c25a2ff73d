// Where the read loop hands each batch: an output encodes it and writes it to the sinks, at once
// (BatchWriter), on a second thread (WriteStage), or paced with a clock history (replay).
#pragma once

#include <cstdint>
#include <string>

#include "agent/engine/sink_set.h"
#include "normalizer/event.h"
#include "sinks/field_selection.h"

namespace horolog {

// How an input's batches are written: the name they are counted and routed under (`{format}`
// in sink templates) and the members the encoder writes.
struct OutputSettings {
  std::string format;
  FieldSelection fields;

  friend bool operator==(const OutputSettings&, const OutputSettings&) = default;
};

class BatchOutput {
 public:
  virtual ~BatchOutput() = default;
  // The batch the next read fills. An output that writes on another thread alternates two, so
  // this is never the one still being written.
  virtual EventBatch& next_batch() = 0;
  // Hands over the batch last given by next_batch(), which covers `bytes` of input. `done` (may
  // be empty) is called once every sink has answered for it.
  virtual void write(std::uint64_t bytes, SinkSet::Completion done) = 0;
  // Records the source dropped as not being events (column banners), for the summary.
  virtual void count_skipped(std::uint64_t records) = 0;
  // Returns once every batch written so far has been handed to the sinks.
  virtual void drain() {}
  // For the batches that follow: the name they are counted and routed under, and the members
  // written. An output the engine lends to several inputs is configured for each, after a
  // drain; an output that serves one reader keeps what it was built with.
  virtual void configure(const OutputSettings& settings) { (void)settings; }
};

}  // namespace horolog
