// In-order advancement over a deque of pending batches.
#include "agent/engine/delivery_window.h"

#include <algorithm>

namespace horolog {

bool DeliveryWindow::complete(std::uint64_t ticket, bool delivered) {
  std::lock_guard lock(mutex_);
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [&](const Entry& e) { return e.ticket == ticket; });
  if (it == entries_.end()) return false;
  const bool was_full = entries_.size() >= max_in_flight_;
  it->state = delivered ? Entry::State::delivered : Entry::State::failed;
  while (!entries_.empty() && entries_.front().state != Entry::State::pending) {
    if (entries_.front().state == Entry::State::failed) pinned_ = true;
    if (!pinned_) durable_ = entries_.front().end_position;
    entries_.pop_front();
  }
  changed_.notify_all();
  return was_full && entries_.size() < max_in_flight_;
}

bool DeliveryWindow::full() const {
  std::lock_guard lock(mutex_);
  return entries_.size() >= max_in_flight_;
}

SourcePosition DeliveryWindow::durable_position() const {
  std::lock_guard lock(mutex_);
  return durable_;
}

std::size_t DeliveryWindow::in_flight() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

bool DeliveryWindow::wait_drained(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return entries_.empty(); });
}

}  // namespace horolog
