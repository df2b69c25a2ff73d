// The parser interface: one record in, one Event out, no exceptions, no per-record allocation.
// A record that does not parse is still an event (raw text as message, parse_error flag).
#pragma once

#include <cstdint>
#include <string_view>

#include "normalizer/event.h"
#include "normalizer/time_resolver.h"

namespace horolog {

enum class ParseStatus : std::uint8_t {
  ok,       // every part of the record was understood
  partial,  // the event is usable but something was not understood (flagged on the event)
  error,    // nothing understood: the event carries the raw record and the parse_error flag
  skipped,  // not an event (a column banner between data lines): the caller drops and counts it;
            // the event is still filled and flagged, should a caller keep it
};

std::string_view to_string(ParseStatus status) noexcept;

// What a parser may use besides the record. Views handed to the Event must point into the
// record (which lives in the batch) or into `arena` (owned by the batch).
struct ParseContext {
  TimeResolver& time;     // per source: zone, reference time, year/fold state
  StringArena& arena;     // for derived strings (unescaped values)
  std::string_view host;  // host.name when the record names none (configured or this host)
};

class Parser {
 public:
  virtual ~Parser() = default;
  // Parses one record (without its line terminator) into `event`, which arrives reset.
  virtual ParseStatus parse(std::string_view record, ParseContext& ctx, Event& event) noexcept = 0;
};

// Fills `event` for a record that could not be parsed: nothing is dropped. Whatever a failed
// attempt had filled is cleared first; the time is the ingest time, flagged `no_timestamp`.
void mark_unparsed(std::string_view record, std::string_view reason, Event& event) noexcept;

// Undoes a failed parse attempt: clears what parsers fill and keeps what the caller set before
// parsing (created, source path, input name, offset, flags such as truncated).
void discard_parse(Event& event) noexcept;

}  // namespace horolog
