// Fans encoded batches out to every sink and tells the source when a batch is durable everywhere:
// a ticket completes only when each sink acknowledged it `delivered` (the checkpoint rule).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "normalizer/error.h"
#include "sinks/sink.h"

namespace horolog {

class SinkSet {
 public:
  // Called once per ticket when every sink has answered; `delivered` is false when any sink
  // rejected it or gave up at shutdown. May run on a sink's thread.
  using Completion = std::function<void(std::uint64_t ticket, bool delivered)>;

  SinkSet() = default;
  SinkSet(const SinkSet&) = delete;
  SinkSet& operator=(const SinkSet&) = delete;

  // The callback every sink of this set must be built with.
  AckCallback ack_callback();
  void add(std::string name, std::unique_ptr<Sink> sink);
  // Builds every configured sink through the sink type registry and adds it: the one place
  // where sinks are built. Each gets `env` with this set's ack_callback().
  Result<void> add_all(const std::vector<SinkConfig>& configs, SinkEnvironment env);

  // Writes to every sink in turn (sinks are not thread-safe; one writer at a time). Assigns and
  // returns the batch's ticket; `done` is called when the batch is complete.
  std::uint64_t write(EncodedBatch& batch, Completion done);
  void flush();
  // The engine's timer: each sink flushes what its policy says is due (Sink::flush_due).
  void flush_due();
  void reopen();

  const std::vector<std::unique_ptr<Sink>>& sinks() const noexcept { return sinks_; }
  const std::vector<std::string>& names() const noexcept { return names_; }
  std::size_t in_flight() const;
  // Batches some sink did not deliver (rejected them, or still held them at shutdown).
  std::uint64_t undelivered() const noexcept { return undelivered_.load(); }

 private:
  void on_ack(std::uint64_t ticket, Delivery delivery);

  struct Pending {
    std::size_t waiting = 0;
    bool delivered = true;
    Completion done;
  };
  std::vector<std::unique_ptr<Sink>> sinks_;
  std::vector<std::string> names_;    // parallel to sinks_
  std::mutex write_mutex_;            // serialises writes to the sinks
  mutable std::mutex pending_mutex_;  // guards pending_ (acks may come from sink threads)
  std::unordered_map<std::uint64_t, Pending> pending_;
  std::uint64_t next_ticket_ = 1;
  std::atomic<std::uint64_t> undelivered_{0};
};

}  // namespace horolog
