// The engine's one loop, used by run, parse, replay and bench: read a batch from a source, open
// its delivery (the caller's window and checkpoint, if any), hand it to an output, repeat until
// the source has nothing more for now.
#pragma once

#include <atomic>
#include <functional>
#include <optional>

#include "agent/engine/batch_output.h"
#include "agent/engine/sources/record_source.h"

namespace horolog {

class ReadLoop {
 public:
  // Opens the delivery of the batch that ends at `end`: returns the completion to run when the
  // sinks have answered, or nullopt when the loop must stop (the caller is shutting down).
  // Unset: batches are written without tracking their delivery (parse, replay, bench).
  using OpenDelivery = std::function<std::optional<SinkSet::Completion>(const SourcePosition& end)>;

  explicit ReadLoop(BatchOutput& output) : output_(output) {}

  // Reads one batch from `source` and hands it on; idle and end are returned as the source said.
  Result<SourceStatus> step(RecordSource& source, const OpenDelivery& open = {});
  // Steps until the source is idle or at its end, `stop` turns true, or an error; everything
  // read has been handed to the output when it returns (not necessarily written: drain()).
  Result<SourceStatus> run(RecordSource& source, const std::atomic<bool>& stop,
                           const OpenDelivery& open = {});

 private:
  BatchOutput& output_;
};

}  // namespace horolog
