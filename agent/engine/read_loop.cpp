// The bytes a batch covers are what its source read for it: what the summary counts as read.
// Every batch's timeline is repaired here, in record order, so run, parse, replay and bench agree.
#include "agent/engine/read_loop.h"

#include "parsers/format_registry.h"

namespace horolog {

Result<SourceStatus> ReadLoop::step(RecordSource& source, const OpenDelivery& open) {
  const std::uint64_t before = source.bytes_read();
  const std::uint64_t skipped_before = source.skipped_records();
  EventBatch& batch = output_.next_batch();
  Result<SourceStatus> status = source.read(batch);
  if (const std::uint64_t skipped = source.skipped_records() - skipped_before; skipped > 0) {
    output_.count_skipped(skipped);
  }
  if (!status || *status != SourceStatus::batch) return status;
  if (source.format().record_order == RecordOrder::oldest_first) {
    for (Event& event : batch) source.time_repair().apply(event);
  }
  SinkSet::Completion done;
  if (open) {
    std::optional<SinkSet::Completion> opened = open(source.position());
    if (!opened) return SourceStatus::idle;  // stopping: the batch is read again after a restart
    done = std::move(*opened);
  }
  output_.write(source.bytes_read() - before, std::move(done));
  return status;
}

Result<SourceStatus> ReadLoop::run(RecordSource& source, const std::atomic<bool>& stop,
                                   const OpenDelivery& open) {
  for (;;) {
    if (stop) return SourceStatus::idle;
    Result<SourceStatus> status = step(source, open);
    if (!status || *status != SourceStatus::batch) return status;
  }
}

}  // namespace horolog
