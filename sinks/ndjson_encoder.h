// The NDJSON encoder: one Event becomes one line of JSON in the output schema of the design
// (ECS names where ECS has them, horolog.* for the time provenance), always valid UTF-8.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "normalizer/clock_estimate.h"
#include "normalizer/event.h"
#include "normalizer/rfc3339_format.h"
#include "sinks/extras_layout.h"
#include "sinks/field_selection.h"
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
// - `horolog.time.corrected` (host-stamped events, synchronized estimate): timestamp + offset,
//   with max(precision_digits, 6) digits, so the microsecond-resolution offset is never cut off.
//   An event the timeline repair corrected (Event::time_repair) gets its own estimate instead
//   of the context's: source time_change, the repair's offset, measured_at the true time of the
//   change, error 1 ms (the resolution of the readings a change is known by).
// - `host.clock`: whenever an estimate is given: `source` and `synchronized` always; offset_ms,
//   error_ms (exact decimals, microsecond resolution), measured_at (6 digits) and server counts
//   only when something was measured (source != none).
// - Empty strings and absent numbers (-1) are left out; `message` and `log.offset` never are,
//   unless the FieldSelection leaves them out (it applies to fixed members and extras alike).
// - Extras (event.fields) nest by their dotted keys beside the fixed fields; on a name collision
//   the fixed field keeps its name and the extra is renamed (see JsonObjectWriter).
// Speed: the fixed fields are written straight out in their precomputed key order, with the
// punctuation between any two of them looked up; extras are merged in by an ExtrasLayout, which
// sorts them only when their keys change, and the host.clock members are copied from a block
// built once per estimate. Only events whose extras collide (or have ill-formed keys) go through
// JsonObjectWriter, which renames.
// One encoder per thread: it keeps scratch space between events.
class NdjsonEncoder {
 public:
  explicit NdjsonEncoder(const FieldSelection& selection = {});
  ~NdjsonEncoder();
  NdjsonEncoder(NdjsonEncoder&&) noexcept;
  NdjsonEncoder& operator=(NdjsonEncoder&&) noexcept;

  // Appends the event's line, ending in '\n', to `out`.
  void encode(const Event& event, const EncodeContext& context, std::string& out);
  // Replaces `storage` with the batch's lines and points `encoded` (ndjson, line_ends, events)
  // at them. Lines are indexed with 32-bit offsets: a batch must encode to less than 4 GiB.
  void encode_batch(const EventBatch& batch, const EncodeContext& context, EncodedBatch& encoded,
                    std::string& storage) {
    encode_batch(batch, batch.size, context, encoded, storage);
  }
  // The same in two steps (for two threads): the first `count` events, then append_rest().
  void encode_batch(const EventBatch& batch, std::size_t count, const EncodeContext& context,
                    EncodedBatch& encoded, std::string& storage);
  void append_rest(const EventBatch& batch, const EncodeContext& context, EncodedBatch& encoded,
                   std::string& storage);

 private:
  class ClockBlock;
  // The estimate the event is written with: its repair's, else the context's.
  const ClockEstimate* clock_for(const Event& event, const EncodeContext& context);
  class DirectWriter;
  class ObjectAdder;
  bool keeps_extra(const Field& field) const noexcept {
    return selection_.keeps_everything() || selection_.keeps(field.key);
  }

  FieldSelection selection_;
  std::uint32_t kept_fixed_;  // bit per FixedKey: the selection keeps that member

  // One per time member (@timestamp, event.created, horolog.time.corrected,
  // host.clock.measured_at): each keeps the calendar text of the second it saw last.
  Rfc3339Formatter time_formats_[4];
  ExtrasLayout layout_;                      // the extras' order, from one event to the next
  std::unique_ptr<ClockBlock> clock_block_;  // host.clock as text, while the estimate stays
  ClockEstimate repaired_;                   // source time_change; offset set per event
  JsonObjectWriter object_;                  // for events whose extras need renaming
  std::string text_;                         // scratch for composed values
};

}  // namespace horolog
