// The calling thread schedules (inotify, due times); workers poll. An input is polled by one
// worker at a time and queued at the back after a busy poll, so a busy input cannot starve the
// others.
#include "agent/engine/input_runner.h"

#include <algorithm>
#include <thread>

namespace horolog {

namespace {

// Even with nothing due, the scheduler looks at `stop` this often.
constexpr std::chrono::milliseconds kLongestWait{250};

}  // namespace

std::size_t InputRunner::default_workers() noexcept {
  return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 2, 4);
}

InputRunner::InputRunner(const std::vector<Input*>& inputs, OutputFactory make_output,
                         std::size_t workers)
    : make_output_(std::move(make_output)),
      worker_count_(std::max<std::size_t>(1, workers)),
      wake_target_(std::make_shared<WakeTarget>()) {
  wake_target_->runner = this;
  for (Input* input : inputs) {
    Slot slot{input, Slot::State::queued, Clock::now(), {}};
    for (const std::string& directory : input->watched_directories()) {
      if (const int id = watcher_.watch(directory); id >= 0) slot.watches.push_back(id);
    }
    input->set_wake([target = wake_target_, index = slots_.size()] {
      std::lock_guard lock(target->mutex);
      if (target->runner != nullptr) target->runner->wake(index);
    });
    queue_.push_back(slots_.size());
    slots_.push_back(std::move(slot));
  }
}

InputRunner::~InputRunner() {
  std::lock_guard lock(wake_target_->mutex);
  wake_target_->runner = nullptr;
}

void InputRunner::wake(std::size_t index) {
  std::lock_guard lock(mutex_);
  Slot& slot = slots_[index];
  if (slot.state == Slot::State::running) {
    slot.woken = true;
  } else if (slot.state == Slot::State::waiting) {
    slot.state = Slot::State::queued;
    queue_.push_back(index);
    queued_.notify_one();
  }
}

bool InputRunner::finished(bool once, const std::atomic<bool>& stop) const {
  if (stop) return true;
  return once && std::all_of(slots_.begin(), slots_.end(),
                             [](const Slot& slot) { return slot.state == Slot::State::done; });
}

InputRunner::Clock::duration InputRunner::schedule(const std::vector<int>& changed) {
  const auto now = Clock::now();
  Clock::duration wait = kLongestWait;
  bool any = false;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    Slot& slot = slots_[i];
    if (slot.state != Slot::State::waiting) continue;
    const bool touched = std::any_of(slot.watches.begin(), slot.watches.end(), [&](int id) {
      return std::find(changed.begin(), changed.end(), id) != changed.end();
    });
    if (touched || slot.due <= now) {
      slot.state = Slot::State::queued;
      queue_.push_back(i);
      any = true;
    } else {
      wait = std::min(wait, slot.due - now);
    }
  }
  if (any) queued_.notify_all();
  return wait;
}

void InputRunner::work(bool once, const std::atomic<bool>& stop) {
  const std::unique_ptr<BatchOutput> output = make_output_();
  std::unique_lock lock(mutex_);
  for (;;) {
    queued_.wait(lock, [&] { return quit_ || !queue_.empty(); });
    if (quit_) return;
    const std::size_t index = queue_.front();
    queue_.pop_front();
    Slot& slot = slots_[index];
    slot.state = Slot::State::running;
    slot.woken = false;
    lock.unlock();
    output->configure(slot.input->output_settings());
    const InputState state = slot.input->poll(*output, once, stop);
    // The input's events view into its sources: written before the output serves another.
    output->drain();
    lock.lock();
    switch (state == InputState::idle && slot.woken ? InputState::busy : state) {
      case InputState::busy:
        slot.state = Slot::State::queued;
        queue_.push_back(index);
        break;
      case InputState::idle:
        slot.state = Slot::State::waiting;
        slot.due = Clock::now() + slot.input->poll_interval();
        break;
      case InputState::done: slot.state = Slot::State::done; break;
    }
    if (state != InputState::busy) watcher_.wake();  // the scheduler looks again
  }
}

void InputRunner::run(bool once, const std::atomic<bool>& stop,
                      std::chrono::milliseconds drain_timeout) {
  std::vector<std::thread> workers;
  for (std::size_t i = 0; i < worker_count_; ++i) {
    workers.emplace_back([this, once, &stop] { work(once, stop); });
  }
  std::vector<int> changed;
  for (;;) {
    Clock::duration wait;
    {
      std::lock_guard lock(mutex_);
      if (finished(once, stop)) break;
      wait = schedule(changed);
    }
    changed = watcher_.wait(std::chrono::duration_cast<std::chrono::milliseconds>(wait));
  }
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
  }
  queued_.notify_all();
  for (std::thread& worker : workers) worker.join();
  for (Slot& slot : slots_) slot.input->drain(drain_timeout);
}

}  // namespace horolog
