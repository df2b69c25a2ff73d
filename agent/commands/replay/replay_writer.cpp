// Unpaced batches go to the sinks whole; paced ones are cut where the next event is not yet due.
#include "agent/commands/replay/replay_writer.h"

#include <thread>

namespace horolog {

namespace {

bool is_timed(const Event& event) noexcept { return !event.time_flags.has(TimeFlag::no_timestamp); }

}  // namespace

ReplayWriter::ReplayWriter(SinkSet& sinks, RunStats& stats, const OffsetTimeline* history,
                           Pacer pacer, const std::atomic<bool>& stop, const FieldSelection& fields)
    : sinks_(sinks),
      stats_(stats),
      history_(history),
      pacer_(pacer),
      stop_(stop),
      encoder_(fields) {}

void ReplayWriter::encode(const Event& event) {
  EncodeContext context;
  if (event.time_repair.applied) {
    // The log's own clock change says more about this stamp than the statistics do.
    ++counters_.corrected;
  } else if (history_ != nullptr && is_timed(event)) {
    if (history_->at(event.timestamp, estimate_)) {
      context.clock = &estimate_;
      if (event.stamped_by_host_clock) ++counters_.corrected;
    } else {
      ++counters_.out_of_range;
      marked_ = event;
      marked_.add("host.clock.source", FieldValue::string(kHistoryOutOfRange));
      encoder_.encode(marked_, context, storage_);
      return;
    }
  }
  encoder_.encode(event, context, storage_);
}

void ReplayWriter::write(const EventBatch& batch, std::uint64_t bytes) {
  if (!have_started_) {
    started_ = std::chrono::steady_clock::now();
    have_started_ = true;
  }
  stats_.count_batch(format_, batch, bytes);
  counters_.events += batch.size;
  storage_.clear();
  line_ends_.clear();
  for (const Event& event : batch) {
    encode(event);
    line_ends_.push_back(static_cast<std::uint32_t>(storage_.size()));
  }
  if (!pacer_.paced()) {
    send(batch, 0, batch.size);
    return;
  }
  std::size_t first = 0;
  for (std::size_t i = 0; i < batch.size && !stop_; ++i) {
    const Event& event = batch.events[i];
    const auto due =
        started_ + pacer_.next(is_timed(event) ? std::optional(event.timestamp) : std::nullopt);
    if (due <= std::chrono::steady_clock::now()) continue;
    send(batch, first, i);
    first = i;
    wait_until(due);
  }
  if (!stop_) send(batch, first, batch.size);
}

void ReplayWriter::send(const EventBatch& batch, std::size_t first, std::size_t end) {
  if (first == end) return;
  encoded_.format = format_;
  encoded_.line_ends.clear();
  const std::uint32_t base = first == 0 ? 0 : line_ends_[first - 1];
  for (std::size_t i = first; i < end; ++i) encoded_.line_ends.push_back(line_ends_[i] - base);
  encoded_.ndjson = std::string_view(storage_).substr(base, line_ends_[end - 1] - base);
  if (first == 0 && end == batch.size) {
    encoded_.events = &batch;
  } else {
    // Sinks route by the events beside the lines (file paths by time): same range for both.
    part_.events.assign(batch.events.begin() + static_cast<std::ptrdiff_t>(first),
                        batch.events.begin() + static_cast<std::ptrdiff_t>(end));
    part_.size = end - first;
    encoded_.events = &part_;
  }
  sinks_.write(encoded_, {});
}

void ReplayWriter::wait_until(std::chrono::steady_clock::time_point when) const {
  // In slices, so an interrupt is noticed within a tenth of a second even at a slow pace.
  constexpr auto kSlice = std::chrono::milliseconds(100);
  while (!stop_) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= when) return;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(when - now, kSlice));
  }
}

}  // namespace horolog
