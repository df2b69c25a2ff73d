// Which batches still wait for Kafka delivery reports, and the verdict once all of a batch's
// messages are settled: a batch is `delivered` only when every message was confirmed (or written
// to the dead-letter file). A message the cluster refused for good may be held by the sink until
// it is produced again (SIGHUP): its batch then waits without anything in flight. Reports arrive
// on librdkafka's poll thread; acks are sent unlocked.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "sinks/sink.h"

namespace horolog {

class KafkaBatchTracker {
 public:
  // One batch in flight; its address is the per-message opaque handed to librdkafka.
  struct Batch {
    std::uint64_t ticket = 0;
    std::size_t unsettled = 0;
    std::size_t held = 0;    // unsettled messages the sink holds (not in flight)
    bool refused = false;    // a message was refused for good and not dead-lettered
    bool abandoned = false;  // a message was never produced (shutdown while blocked)
    bool acked = false;      // acknowledged already (given up at shutdown): stay silent
  };
  enum class Outcome {
    delivered,  // confirmed by the cluster, or written to the dead-letter file
    refused,    // permanent error, held: the batch is acked `rejected`
    abandoned,  // never produced: the batch is acked `retry`
  };

  // `batches_delivered` (the sink's counter) counts batches acknowledged `delivered`.
  KafkaBatchTracker(AckCallback ack, std::atomic<std::uint64_t>& batches_delivered)
      : ack_(std::move(ack)), batches_delivered_(batches_delivered) {}

  // Registers a batch of `messages` messages before the first is produced (a report may come at
  // once). A batch of none is acknowledged `delivered` here and nullptr returned.
  Batch* begin(std::uint64_t ticket, std::size_t messages);
  // Settles `count` messages of `batch`; the last one sends the batch's acknowledgement.
  void settle(Batch* batch, Outcome outcome, std::size_t count = 1);
  // One unsettled message of `batch` is held by the sink: nothing is in flight for it.
  void hold(Batch* batch);
  // A held message of `batch` is in flight again (produced again), or about to be settled.
  void unhold(Batch* batch);
  // Waits until every batch is acknowledged or waits only for held messages, or until `deadline`
  // passes; true in the first case.
  bool wait_idle(std::chrono::steady_clock::time_point deadline);
  // Acknowledges every batch still waiting as `retry` (shutdown: they are read again after a
  // restart); reports that come later for them change nothing. Returns how many.
  std::size_t abandon_waiting();

  std::size_t in_flight() const;

 private:
  void acknowledged(std::size_t batches);
  // Keeps `parked_` right around a change of `batch` (called with mutex_ held).
  template <class Change>
  void change(Batch& batch, Change&& apply);

  AckCallback ack_;
  std::atomic<std::uint64_t>& batches_delivered_;
  mutable std::mutex mutex_;
  std::condition_variable idle_;
  std::unordered_map<Batch*, std::unique_ptr<Batch>> batches_;
  std::size_t waiting_ = 0;  // batches whose acknowledgement has not been sent yet
  std::size_t parked_ = 0;   // of those, the ones whose unsettled messages are all held
};

}  // namespace horolog
