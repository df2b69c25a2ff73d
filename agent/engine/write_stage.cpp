// A one-slot hand-over between the reading thread and a writing thread: two batches alternate,
// so parsing and encoding never wait for the sinks unless the sinks are the slower side.
#include "agent/engine/write_stage.h"

#include <utility>

namespace horolog {

WriteStage::WriteStage(SinkSet& sinks, RunStats& stats, const std::string& format,
                       const FieldSelection& fields, const ClockMonitor* clock)
    : slots_{BatchWriter(sinks, stats, format, fields), BatchWriter(sinks, stats, format, fields)},
      thread_([this] { run(); }) {
  for (BatchWriter& slot : slots_) slot.set_clock(clock);
}

WriteStage::~WriteStage() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void WriteStage::write(std::uint64_t bytes, SinkSet::Completion done) {
  BatchWriter& slot = slots_[filling_];
  // The writing thread encodes the second half itself: parsing plus half the encoding weighs
  // about as much as the other half plus the sinks' write, so both cores stay busy.
  slot.encode(slot.next_batch(), bytes, slot.next_batch().size / 2);
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return !busy_; });
    done_ = std::move(done);
    busy_ = true;
    filling_ = 1 - filling_;
  }
  changed_.notify_all();
}

void WriteStage::configure(const OutputSettings& settings) {
  drain();  // the slot being written keeps its settings until it is done
  for (BatchWriter& slot : slots_) slot.configure(settings);
}

void WriteStage::drain() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return !busy_; });
}

void WriteStage::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return busy_ || quit_; });
    if (!busy_) return;  // quit_, with nothing handed over
    BatchWriter& writer = slots_[1 - filling_];
    SinkSet::Completion done = std::move(done_);
    lock.unlock();
    writer.deliver(std::move(done));
    lock.lock();
    busy_ = false;
    changed_.notify_all();
  }
}

}  // namespace horolog
