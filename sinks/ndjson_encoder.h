// The NDJSON encoder: one Event becomes one line of JSON in the output schema of the design
// (ECS names where ECS has them, horolog.* for the time provenance), always valid UTF-8.
#pragma once

#include <string>

#include "normalizer/clock/clock_estimate.h"
#include "normalizer/event.h"
#include "sinks/json_object.h"
#include "sinks/sink.h"

namespace horolog {

struct EncodeContext {
  // The host clock estimate to attach (host.clock.*) and to correct host-stamped times with;
  // nullptr when the clock monitor is off.
  const ClockEstimate* clock = nullptr;
};

// Field by field:
// - `@timestamp`: event.timestamp, RFC 3339 UTC with exactly event.precision_digits digits.
// - `event.created`: 6 digits; the agent's read time is not meaningful below a microsecond.
// - `horolog.time.corrected` (host-stamped events, estimate with a source): timestamp + offset,
//   with max(precision_digits, 6) digits, so the microsecond-resolution offset is never cut off.
// - `host.clock`: whenever an estimate is given: `source` and `synchronized` always; offset_ms,
//   error_ms (exact decimals, microsecond resolution), measured_at (6 digits) and server counts
//   only when something was measured (source != none).
// - Empty strings and absent numbers (-1) are left out; `message` and `log.offset` never are.
// - Extras (event.fields) nest by their dotted keys beside the fixed fields; on a name collision
//   the fixed field keeps its name and the extra is renamed (see JsonObjectWriter).
// One encoder per thread: it keeps scratch space between events.
class NdjsonEncoder {
 public:
  // Appends the event's line, ending in '\n', to `out`.
  void encode(const Event& event, const EncodeContext& context, std::string& out);
  // Replaces `storage` with the batch's lines and points `encoded` (ndjson, line_ends, events)
  // at them. Lines are indexed with 32-bit offsets: a batch must encode to less than 4 GiB.
  void encode_batch(const EventBatch& batch, const EncodeContext& context, EncodedBatch& encoded,
                    std::string& storage);

 private:
  void add_time(std::string_view key, SysNanos time, unsigned digits);
  void add_raw(std::string_view key);  // the JSON text in text_
  void add_event_members(const Event& event);
  void add_horolog_members(const Event& event, const ClockEstimate* clock);
  void add_host_members(const Event& event, const ClockEstimate* clock);
  void add_log_members(const Event& event);

  JsonObjectWriter object_;
  std::string text_;  // scratch for composed values (flag arrays, decimals)
};

}  // namespace horolog
