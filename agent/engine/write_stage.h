// The second half of a file input's pipeline: writes encoded batches to the sinks on its own
// thread while the input thread reads, parses and encodes the next, so a busy file uses two cores.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "agent/engine/batch_writer.h"

namespace horolog {

class WriteStage {
 public:
  WriteStage(SinkSet& sinks, RunStats& stats, const std::string& format,
             const FieldSelection& fields, const ClockMonitor* clock);
  ~WriteStage();
  WriteStage(const WriteStage&) = delete;
  WriteStage& operator=(const WriteStage&) = delete;

  // The batch to parse into next; never the one being written.
  EventBatch& batch() noexcept { return slots_[filling_].batch; }
  // Encodes half of batch() and hands it to the writing thread, which encodes the rest and
  // writes it (first waiting until the previous batch is written).
  void submit(std::uint64_t bytes, SinkSet::Completion done);
  // Returns once every submitted batch has been written to the sinks. Events hold views into
  // their source (path, host), so the input drains before it lets a source go.
  void drain();

 private:
  struct Slot {
    Slot(SinkSet& sinks, RunStats& stats, const std::string& format, const FieldSelection& fields)
        : writer(sinks, stats, format, fields) {}
    EventBatch batch;
    BatchWriter writer;  // encoder and lines of this slot's batch
  };
  void run();

  Slot slots_[2];
  int filling_ = 0;  // the other slot is the one handed over, while busy_
  std::mutex mutex_;
  std::condition_variable changed_;
  bool busy_ = false;
  bool quit_ = false;
  SinkSet::Completion done_;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace horolog
