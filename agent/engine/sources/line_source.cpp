// Chunked reads with a carried partial record; per-record parsing with source fields filled in.
#include "agent/engine/sources/line_source.h"

#include <chrono>

#include "parsers/format_registry.h"

namespace horolog {

namespace {

SysNanos now_ns() {
  return std::chrono::time_point_cast<Nanoseconds>(std::chrono::system_clock::now());
}

}  // namespace

LineSource::LineSource(const FormatInfo& format, LineSourceSettings settings,
                       std::unique_ptr<Parser> parser, TimeResolverSettings time,
                       std::unique_ptr<ByteInput> input, std::uint64_t start, std::string prefix)
    : format_(format),
      settings_(std::move(settings)),
      parser_(std::move(parser)),
      time_(time),
      framer_(settings_.max_record_size),
      input_(std::move(input)),
      carry_(std::move(prefix)),
      final_(!settings_.follow) {
  position_.offset = start;
}

Result<SourceStatus> LineSource::read(EventBatch& batch) {
  for (;;) {
    batch.clear();
    if (ended_) return SourceStatus::end;
    batch.bytes.swap(carry_);
    carry_.clear();
    const std::size_t carried = batch.bytes.size();
    batch.bytes.resize(carried + settings_.chunk_size);
    Result<std::size_t> got = input_->read(batch.bytes.data() + carried, settings_.chunk_size,
                                           position_.offset + carried);
    if (!got) {
      batch.bytes.resize(carried);
      carry_.swap(batch.bytes);
      return fail(got.error().within(settings_.path));
    }
    batch.bytes.resize(carried + *got);
    const bool at_end = *got == 0;
    if (settings_.follow) time_.set_reference(now_ns());
    const std::uint64_t before = position_.offset;
    parse_records(batch, final_ && at_end);
    if (position_.offset != before) return SourceStatus::batch;
    if (!at_end) continue;  // only part of a long record so far: read on
    if (!final_) return SourceStatus::idle;
    if (Result<void> finished = input_->finish(); !finished) return fail(finished.error());
    ended_ = true;
    batch.clear();
    return SourceStatus::end;
  }
}

void LineSource::parse_records(EventBatch& batch, bool final) {
  const std::string_view chunk = batch.bytes;
  const auto now = now_ns();
  ParseContext ctx{time_, batch.arena, settings_.host};
  std::size_t pos = 0;
  FramedRecord record;
  while (framer_.next(chunk, pos, record, final)) {
    Event& event = batch.next_event();
    event.created = now;
    event.timestamp = now;  // replaced by the parser; kept when the record has no usable time
    event.source_path = settings_.path;
    event.input_name = settings_.input_name;
    event.offset = position_.offset + record.offset;
    if (record.truncated) event.set(EventFlag::truncated);
    if (parser_->parse(record.text, ctx, event) == ParseStatus::skipped) {
      batch.discard_last();  // a banner between data lines, not an event
      ++skipped_records_;
      continue;
    }
    if (event.dataset.empty()) event.dataset = format_.dataset;
    // Only stamps written by this host's own clock can be corrected with its measured offset;
    // a line relayed from another host was stamped by that host's clock.
    if (event.stamped_by_host_clock && !event.host.empty() && event.host != settings_.host) {
      event.stamped_by_host_clock = false;
    }
  }
  carry_.assign(chunk.substr(pos));
  position_.offset += pos;
}

}  // namespace horolog
