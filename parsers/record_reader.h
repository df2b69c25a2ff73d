// The record reader of a format read whole, whose records are not lines (Windows event exports:
// EVTX chunks, XML elements spanning lines, JSON arrays, CSV fields with embedded newlines). A
// reader walks one whole input buffer and yields one Event per record.
#pragma once

#include <cstdint>
#include <string>

#include "normalizer/event.h"
#include "parsers/parser.h"

namespace horolog {

class RecordReader {
 public:
  virtual ~RecordReader() = default;
  // Fills `event` (which arrives reset) from the next record; false when no record is left.
  // A record that cannot be understood still yields an event (parse_error flag, raw text or
  // reason as message): nothing is dropped silently. Views in the event point into the input
  // buffer given at construction or into ctx.arena.
  [[nodiscard]] virtual bool next(Event& event, ParseContext& ctx) noexcept = 0;
  // Byte offset in the input just past the last record returned: where a reader over the same
  // input, restarted, resumes without repeating or skipping records.
  virtual std::uint64_t position() const noexcept = 0;
  // Once next() returned false: what of the input could not be read at all (a damaged part
  // skipped, a file cut short), for people; empty when everything was read. Records that were
  // read but not understood are events with parse_error, not listed here.
  virtual std::string unread() const { return {}; }
};

}  // namespace horolog
