// Chunked reads with a carried partial record; per-record parsing with source fields filled in.
#include "agent/engine/sources/line_source.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>

namespace horolog {

LineSource::LineSource(LineSourceSettings settings, std::unique_ptr<Parser> parser,
                       TimeResolverSettings time, int fd, std::uint64_t start_position)
    : settings_(std::move(settings)),
      parser_(std::move(parser)),
      time_(std::move(time)),
      framer_(settings_.max_record_size),
      fd_(fd),
      position_(start_position) {}

LineSource::Read LineSource::read_batch(EventBatch& batch, bool final) {
  batch.clear();
  batch.bytes.swap(carry_);
  carry_.clear();
  const std::size_t carried = batch.bytes.size();
  batch.bytes.resize(carried + settings_.chunk_size);
  ssize_t n;
  do {
    n = ::pread(fd_, batch.bytes.data() + carried, settings_.chunk_size,
                static_cast<off_t>(position_ + carried));
  } while (n < 0 && errno == EINTR);
  if (n < 0 && errno == ESPIPE) {  // pipes and terminals: plain sequential read
    do {
      n = ::read(fd_, batch.bytes.data() + carried, settings_.chunk_size);
    } while (n < 0 && errno == EINTR);
  }
  if (n < 0) {
    last_errno_ = errno;
    batch.bytes.resize(carried);
    carry_.swap(batch.bytes);
    return Read::error;
  }
  batch.bytes.resize(carried + static_cast<std::size_t>(n));
  const bool at_end = n == 0;
  parse_records(batch, final && at_end);
  if (at_end && batch.size == 0) return Read::end_of_data;
  return Read::data;
}

void LineSource::parse_records(EventBatch& batch, bool final) {
  const std::string_view chunk = batch.bytes;
  const auto now = std::chrono::time_point_cast<Nanoseconds>(std::chrono::system_clock::now());
  ParseContext ctx{time_, batch.arena, settings_.host};
  std::size_t pos = 0;
  FramedRecord record;
  while (framer_.next(chunk, pos, record, final)) {
    Event& event = batch.next_event();
    event.created = now;
    event.timestamp = now;  // replaced by the parser; kept when the record has no usable time
    event.source_path = settings_.path;
    event.input_name = settings_.input_name;
    event.offset = position_ + record.offset;
    if (record.truncated) event.set(EventFlag::truncated);
    if (parser_->parse(record.text, ctx, event) == ParseStatus::skipped) {
      batch.discard_last();  // a banner between data lines, not an event
      ++skipped_records_;
      continue;
    }
    if (event.dataset.empty()) event.dataset = settings_.dataset;
    // Only stamps written by this host's own clock can be corrected with its measured offset;
    // a line relayed from another host was stamped by that host's clock.
    if (event.stamped_by_host_clock && !event.host.empty() && event.host != settings_.host) {
      event.stamped_by_host_clock = false;
    }
  }
  carry_.assign(chunk.substr(pos));
  position_ += pos;
  batch.end_position = position_;
}

}  // namespace horolog
