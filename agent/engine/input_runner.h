// Runs every input on a few shared worker threads instead of a thread (or two) per input: an
// input is polled when a directory it watches changes, when its poll interval passes, or at once
// while it stays busy; each worker lends the input it polls its own output, so buffers and
// encoders are per worker, not per input.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "agent/engine/directory_watcher.h"
#include "agent/engine/input.h"

namespace horolog {

class InputRunner {
 public:
  // Each worker's output (production: a WriteStage, which writes on a thread of its own).
  using OutputFactory = std::function<std::unique_ptr<BatchOutput>()>;

  // `inputs` must outlive the runner.
  InputRunner(const std::vector<Input*>& inputs, OutputFactory make_output, std::size_t workers);
  ~InputRunner();
  InputRunner(const InputRunner&) = delete;
  InputRunner& operator=(const InputRunner&) = delete;

  // Polls until `stop` turns true, or with `once` until every input is done; then waits for
  // the batches in flight (at most `drain_timeout` per input).
  void run(bool once, const std::atomic<bool>& stop,
           std::chrono::milliseconds drain_timeout = std::chrono::seconds(10));

  // One worker per core, at least two (reading and writing overlap on a busy host) and at most
  // four: each worker has its own buffers (a few MB while busy) and its writing thread, and an
  // agent on every host must not take every core or grow with their number.
  static std::size_t default_workers() noexcept;

 private:
  using Clock = std::chrono::steady_clock;
  struct Slot {
    Input* input;
    enum class State : std::uint8_t { waiting, queued, running, done } state;
    Clock::time_point due;
    std::vector<int> watches;  // directory ids of the watcher
    bool woken = false;        // woken while running: polled again rather than left waiting
  };
  // What the inputs' wake functions reach: the runner while it exists, then nothing (sinks may
  // acknowledge batches after the runner is gone).
  struct WakeTarget {
    std::mutex mutex;
    InputRunner* runner;
  };

  void wake(std::size_t index);

  void work(bool once, const std::atomic<bool>& stop);
  // Queues the waiting inputs that are due or whose directories changed; the time until the
  // next one is due.
  Clock::duration schedule(const std::vector<int>& changed);
  bool finished(bool once, const std::atomic<bool>& stop) const;

  std::vector<Slot> slots_;
  OutputFactory make_output_;
  std::size_t worker_count_;
  DirectoryWatcher watcher_;
  mutable std::mutex mutex_;
  std::condition_variable queued_;
  std::deque<std::size_t> queue_;  // indices into slots_
  bool quit_ = false;
  std::shared_ptr<WakeTarget> wake_target_;
};

}  // namespace horolog
