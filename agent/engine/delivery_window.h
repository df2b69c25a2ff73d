// Per-source bookkeeping of batches sent but not yet durable: bounds how many are in flight
// (backpressure) and advances the source's durable position only in order, to the end of the
// longest run of delivered batches (a later batch acked first waits for the earlier ones).
// Positions are whatever the source resumes from: a byte offset, a reader position, a cursor.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>

#include "agent/engine/sources/record_source.h"

namespace horolog {

class DeliveryWindow {
 public:
  explicit DeliveryWindow(std::size_t max_in_flight, SourcePosition durable_position = {})
      : max_in_flight_(max_in_flight), durable_(std::move(durable_position)) {}

  // Blocks while `max_in_flight` batches are pending, then records one ending at `end_position`.
  // Returns false when `stop` turned true while waiting.
  template <class StopFlag>
  bool begin(std::uint64_t ticket, const SourcePosition& end_position, const StopFlag& stop);

  // Records the sinks' verdict. A batch that was not delivered pins the durable position before
  // it for the rest of the run (it will be read again after a restart). True when this made
  // room in a window that was full: a reader that paused on full() may go on.
  bool complete(std::uint64_t ticket, bool delivered);
  // True while begin() would wait. Readers polled by shared workers pause instead of waiting.
  bool full() const;

  SourcePosition durable_position() const;
  std::size_t in_flight() const;
  // Waits until nothing is in flight (or `timeout` passes); true when drained.
  bool wait_drained(std::chrono::milliseconds timeout) const;

 private:
  struct Entry {
    std::uint64_t ticket;
    SourcePosition end_position;
    enum class State : std::uint8_t { pending, delivered, failed } state;
  };
  std::size_t max_in_flight_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::deque<Entry> entries_;
  SourcePosition durable_;
  bool pinned_ = false;
};

template <class StopFlag>
bool DeliveryWindow::begin(std::uint64_t ticket, const SourcePosition& end_position,
                           const StopFlag& stop) {
  std::unique_lock lock(mutex_);
  while (entries_.size() >= max_in_flight_) {
    if (stop) return false;
    changed_.wait_for(lock, std::chrono::milliseconds(50));
  }
  entries_.push_back({ticket, end_position, Entry::State::pending});
  return true;
}

}  // namespace horolog
