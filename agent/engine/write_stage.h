// An output that writes on a thread of its own: while the reading thread reads, parses and
// encodes the next batch, this one writes the last to the sinks, so a busy source uses two cores.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "agent/engine/batch_output.h"
#include "agent/engine/batch_writer.h"

namespace horolog {

class WriteStage final : public BatchOutput {
 public:
  WriteStage(SinkSet& sinks, RunStats& stats, const std::string& format,
             const FieldSelection& fields, const ClockMonitor* clock);
  ~WriteStage() override;
  WriteStage(const WriteStage&) = delete;
  WriteStage& operator=(const WriteStage&) = delete;

  // Never the batch being written.
  EventBatch& next_batch() override { return slots_[filling_].next_batch(); }
  // Encodes half of the batch and hands it to the writing thread, which encodes the rest and
  // writes it (first waiting until the previous batch is written).
  void write(std::uint64_t bytes, SinkSet::Completion done) override;
  void count_skipped(std::uint64_t records) override { slots_[0].count_skipped(records); }
  void configure(const OutputSettings& settings) override;
  // Events hold views into their source (path, host), so an input drains before it lets a
  // source go.
  void drain() override;

 private:
  void run();

  BatchWriter slots_[2];  // each with its batch, encoder and lines
  int filling_ = 0;       // the other slot is the one handed over, while busy_
  std::mutex mutex_;
  std::condition_variable changed_;
  bool busy_ = false;
  bool quit_ = false;
  SinkSet::Completion done_;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace horolog
