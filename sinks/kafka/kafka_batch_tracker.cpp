// Batch bookkeeping for the Kafka sink. A batch stays registered until its last message is
// settled even after it was given up, because librdkafka still holds its address.
#include "sinks/kafka/kafka_batch_tracker.h"

#include <algorithm>
#include <vector>

namespace horolog {

namespace {

bool parked(const KafkaBatchTracker::Batch& batch) noexcept {
  return !batch.acked && batch.held > 0 && batch.held == batch.unsettled;
}

}  // namespace

template <class Change>
void KafkaBatchTracker::change(Batch& batch, Change&& apply) {
  const bool was = parked(batch);
  apply();
  const bool is = parked(batch);
  if (was && !is) --parked_;
  if (!was && is) {
    ++parked_;
    if (waiting_ == parked_) idle_.notify_all();
  }
}

KafkaBatchTracker::Batch* KafkaBatchTracker::begin(std::uint64_t ticket, std::size_t messages) {
  if (messages == 0) {
    ++batches_delivered_;
    if (ack_) ack_(ticket, Delivery::delivered);
    return nullptr;
  }
  auto batch = std::make_unique<Batch>();
  batch->ticket = ticket;
  batch->unsettled = messages;
  Batch* raw = batch.get();
  std::lock_guard lock(mutex_);
  batches_.emplace(raw, std::move(batch));
  ++waiting_;
  return raw;
}

void KafkaBatchTracker::settle(Batch* batch, Outcome outcome, std::size_t count) {
  std::uint64_t ticket = 0;
  Delivery delivery = Delivery::delivered;
  {
    std::lock_guard lock(mutex_);
    if (outcome == Outcome::refused) batch->refused = true;
    if (outcome == Outcome::abandoned) batch->abandoned = true;
    change(*batch, [&] { batch->unsettled -= std::min(count, batch->unsettled); });
    if (batch->unsettled > 0) return;
    const bool send = !batch->acked;
    ticket = batch->ticket;
    delivery = batch->abandoned ? Delivery::retry
               : batch->refused ? Delivery::rejected
                                : Delivery::delivered;
    batches_.erase(batch);
    if (!send) return;
  }
  if (delivery == Delivery::delivered) ++batches_delivered_;
  if (ack_) ack_(ticket, delivery);
  acknowledged(1);
}

void KafkaBatchTracker::hold(Batch* batch) {
  std::lock_guard lock(mutex_);
  change(*batch, [&] { ++batch->held; });
}

void KafkaBatchTracker::unhold(Batch* batch) {
  std::lock_guard lock(mutex_);
  change(*batch, [&] { batch->held -= std::min<std::size_t>(1, batch->held); });
}

void KafkaBatchTracker::acknowledged(std::size_t batches) {
  // Counted down only after the callbacks returned: a flush that sees no batch waiting knows
  // every acknowledgement has been handed over.
  std::lock_guard lock(mutex_);
  waiting_ -= batches;
  if (waiting_ == parked_) idle_.notify_all();
}

bool KafkaBatchTracker::wait_idle(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  return idle_.wait_until(lock, deadline, [this] { return waiting_ == parked_; });
}

std::size_t KafkaBatchTracker::abandon_waiting() {
  std::vector<std::uint64_t> tickets;
  {
    std::lock_guard lock(mutex_);
    for (auto& entry : batches_) {
      Batch& batch = *entry.second;
      if (batch.acked) continue;
      change(batch, [&] { batch.acked = true; });
      tickets.push_back(batch.ticket);
    }
  }
  for (std::uint64_t ticket : tickets) {
    if (ack_) ack_(ticket, Delivery::retry);
  }
  acknowledged(tickets.size());
  return tickets.size();
}

std::size_t KafkaBatchTracker::in_flight() const {
  std::lock_guard lock(mutex_);
  return waiting_;
}

}  // namespace horolog
