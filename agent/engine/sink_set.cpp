// Ticket bookkeeping: registered before the first write so an immediate ack finds its entry.
#include "agent/engine/sink_set.h"

#include "sinks/sink_types.h"

namespace horolog {

AckCallback SinkSet::ack_callback() {
  return [this](std::uint64_t ticket, Delivery delivery) { on_ack(ticket, delivery); };
}

void SinkSet::add(std::string name, std::unique_ptr<Sink> sink) {
  names_.push_back(std::move(name));
  sinks_.push_back(std::move(sink));
}

Result<void> SinkSet::add_all(const std::vector<SinkConfig>& configs, SinkEnvironment env) {
  env.ack = ack_callback();
  for (const SinkConfig& config : configs) {
    const SinkType* type = find_sink_type(config.type);
    if (type == nullptr) {
      return fail(ErrorCode::invalid_config,
                  "sink " + config.name + ": unknown sink type `" + config.type + "`");
    }
    Result<std::unique_ptr<Sink>> sink = type->build(config, env);
    if (!sink) return fail(sink.error());
    add(config.name, std::move(*sink));
  }
  return {};
}

std::uint64_t SinkSet::write(EncodedBatch& batch, Completion done) {
  std::lock_guard write_lock(write_mutex_);
  const std::uint64_t ticket = next_ticket_++;
  batch.ticket = ticket;
  if (sinks_.empty()) {
    if (done) done(ticket, true);
    return ticket;
  }
  {
    std::lock_guard lock(pending_mutex_);
    pending_[ticket] = Pending{sinks_.size(), true, std::move(done)};
  }
  for (auto& sink : sinks_) sink->write(batch);
  return ticket;
}

void SinkSet::on_ack(std::uint64_t ticket, Delivery delivery) {
  Completion done;
  bool delivered = false;
  {
    std::lock_guard lock(pending_mutex_);
    auto it = pending_.find(ticket);
    if (it == pending_.end()) return;
    Pending& pending = it->second;
    if (delivery != Delivery::delivered) pending.delivered = false;
    if (--pending.waiting > 0) return;
    done = std::move(pending.done);
    delivered = pending.delivered;
    pending_.erase(it);
  }
  if (!delivered) ++undelivered_;
  if (done) done(ticket, delivered);
}

void SinkSet::flush() {
  std::lock_guard write_lock(write_mutex_);
  for (auto& sink : sinks_) sink->flush();
}

void SinkSet::flush_due() {
  std::lock_guard write_lock(write_mutex_);
  for (auto& sink : sinks_) sink->flush_due();
}

void SinkSet::reopen() {
  std::lock_guard write_lock(write_mutex_);
  for (auto& sink : sinks_) sink->reopen();
}

std::size_t SinkSet::in_flight() const {
  std::lock_guard lock(pending_mutex_);
  return pending_.size();
}

}  // namespace horolog
