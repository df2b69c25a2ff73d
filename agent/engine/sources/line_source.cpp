// Chunked reads with a carried partial record; per-record parsing with source fields filled in.
#include "agent/engine/sources/line_source.h"

#include <algorithm>
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
    // The carried partial record is copied, not swapped in: a swap would hand every followed
    // file the batch's chunk-sized buffer to keep.
    batch.bytes.assign(carry_);
    const std::size_t carried = carry_.size();
    const std::size_t want = read_size(position_.offset + carried);
    batch.bytes.resize(carried + want);
    Result<std::size_t> got =
        input_->read(batch.bytes.data() + carried, want, position_.offset + carried);
    if (!got) return fail(got.error().within(settings_.path));
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

std::size_t LineSource::read_size(std::uint64_t offset) const noexcept {
  // Sized to what a regular file holds (with a floor, to notice growth and the end in one
  // read); a pipe or an archive gets a whole chunk.
  constexpr std::size_t kSmallestRead = 4096;
  const std::optional<std::uint64_t> available = input_->available(offset);
  if (!available) return settings_.chunk_size;
  return static_cast<std::size_t>(
      std::clamp<std::uint64_t>(*available, kSmallestRead, settings_.chunk_size));
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
  // A long record once carried leaves a large buffer behind: give it back.
  constexpr std::size_t kKeptCarry = std::size_t{64} * 1024;
  if (carry_.capacity() > kKeptCarry && carry_.size() < kKeptCarry) carry_.shrink_to_fit();
  position_.offset += pos;
}

}  // namespace horolog
