// What the tests of input types share: a sink that records every line and can hold its
// acknowledgements, and the engine's runner around one input, reading once or following.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "agent/engine/input.h"
#include "agent/engine/run_stats.h"
#include "agent/engine/sink_set.h"
#include "sinks/sink.h"

namespace horolog::test {

// Polls `condition` until it holds or five seconds pass; true when it held.
bool eventually(const std::function<bool()>& condition);

// Keeps every NDJSON line it is given and acks each batch `delivered` at once. A test can make
// it stand still at a known point of the input's work: hold_next() makes the next write wait
// until release(), defer_acks() keeps batches in flight until release(), defer_acks_of() only
// those with a line containing a given text.
class RecordingSink : public Sink {
 public:
  explicit RecordingSink(AckCallback ack) : ack_(std::move(ack)) {}

  void write(const EncodedBatch& batch) override {
    {
      std::unique_lock lock(mutex_);
      if (hold_next_) {
        hold_next_ = false;
        holding_ = true;
        released_.wait(lock, [&] { return !holding_; });
      }
      bool matches = false;
      for (std::size_t i = 0; i < batch.line_ends.size(); ++i) {
        lines_.emplace_back(batch.line(i));
        matches |=
            !deferred_text_.empty() && batch.line(i).find(deferred_text_) != std::string_view::npos;
      }
      if (deferring_ || matches) {
        deferred_.push_back(batch.ticket);
        return;
      }
    }
    ack_(batch.ticket, rejecting_ ? Delivery::rejected : Delivery::delivered);
  }
  void flush() override {}
  const SinkCounters& counters() const noexcept override { return counters_; }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return lines_.size();
  }
  std::vector<std::string> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }
  // The lines so far, forgotten here (the next run of an input starts counting afresh).
  std::vector<std::string> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(lines_, {});
  }

  void hold_next() {
    std::lock_guard lock(mutex_);
    hold_next_ = true;
  }
  // Every batch from now on is answered `rejected`: not delivered, as a sink that fails for good.
  void reject_all() {
    std::lock_guard lock(mutex_);
    rejecting_ = true;
  }
  void defer_acks() {
    std::lock_guard lock(mutex_);
    deferring_ = true;
  }
  void defer_acks_of(std::string text) {
    std::lock_guard lock(mutex_);
    deferred_text_ = std::move(text);
  }
  std::size_t deferred() const {
    std::lock_guard lock(mutex_);
    return deferred_.size();
  }
  bool holding() const {
    std::lock_guard lock(mutex_);
    return holding_;
  }
  // Lets a held write go on, acks the deferred batches and acks at once from now on.
  void release() {
    std::vector<std::uint64_t> deferred;
    {
      std::lock_guard lock(mutex_);
      hold_next_ = false;
      holding_ = false;
      deferring_ = false;
      deferred_text_.clear();
      deferred.swap(deferred_);
    }
    released_.notify_all();
    for (std::uint64_t ticket : deferred) ack_(ticket, Delivery::delivered);
  }

 private:
  AckCallback ack_;
  SinkCounters counters_;
  mutable std::mutex mutex_;
  std::condition_variable released_;
  bool hold_next_ = false;
  bool holding_ = false;
  bool deferring_ = false;
  bool rejecting_ = false;
  std::string deferred_text_;            // batches with a line containing it are deferred
  std::vector<std::uint64_t> deferred_;  // tickets not acked yet, in order
  std::vector<std::string> lines_;
};

// The engine's runner around one input, with one worker writing synchronously to `sinks`.
void run_input(Input& input, SinkSet& sinks, RunStats& stats, bool once,
               const std::atomic<bool>& stop);

// The input followed on a thread of its own; stopped and joined when the object goes away, also
// when an assertion failed while the sink was holding a batch or its acks.
class Following {
 public:
  Following(Input& input, RecordingSink& sink, SinkSet& sinks, RunStats& stats)
      : sink_(sink), thread_([this, &input, &sinks, &stats] {
          run_input(input, sinks, stats, /*once=*/false, stop_);
        }) {}
  ~Following() { stop(); }
  Following(const Following&) = delete;
  Following& operator=(const Following&) = delete;

  void stop() {
    if (!thread_.joinable()) return;
    stop_ = true;
    sink_.release();
    thread_.join();
  }

 private:
  RecordingSink& sink_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace horolog::test
