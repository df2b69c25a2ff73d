// The normalized record every stage shares, and the batch that owns the bytes its views point into.
// Buffer lifetime: every string_view in an Event points into its EventBatch (its input bytes, its
// arena, or the buffer it keeps alive), or at text that lives as long as the program.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "normalizer/string_arena.h"
#include "normalizer/time_types.h"

namespace horolog {

// Flags about the record itself (not its time).
enum class EventFlag : std::uint8_t {
  parse_error = 1u << 0,  // the record did not parse; message is the raw text
  truncated = 1u << 1,    // the record was longer than max_record_size and was cut
};

// A typed extra value. Strings are views (into the batch); `json` is already-valid JSON text.
struct FieldValue {
  enum class Kind : std::uint8_t { string, int64, uint64, float64, boolean, json };
  Kind kind = Kind::string;
  std::string_view text;  // string, json
  union {
    std::int64_t i64;
    std::uint64_t u64;
    double f64;
    bool b;
  };
  FieldValue() : i64(0) {}
  static FieldValue string(std::string_view s) {
    FieldValue v;
    v.kind = Kind::string;
    v.text = s;
    return v;
  }
  static FieldValue json(std::string_view s) {
    FieldValue v;
    v.kind = Kind::json;
    v.text = s;
    return v;
  }
  static FieldValue int64(std::int64_t x) {
    FieldValue v;
    v.kind = Kind::int64;
    v.i64 = x;
    return v;
  }
  static FieldValue uint64(std::uint64_t x) {
    FieldValue v;
    v.kind = Kind::uint64;
    v.u64 = x;
    return v;
  }
  static FieldValue float64(double x) {
    FieldValue v;
    v.kind = Kind::float64;
    v.f64 = x;
    return v;
  }
  static FieldValue boolean(bool x) {
    FieldValue v;
    v.kind = Kind::boolean;
    v.b = x;
    return v;
  }
};

// A change of the host's clock that the record itself reports (Windows 4616, Kernel-General 1, a
// time daemon's "stepped by", a journal's wall-clock jump). Set by the parser that recognises it
// beside the output fields it writes; read by the timeline repair, never written out as such.
struct ClockChange {
  enum class By : std::uint8_t {
    none,          // the record reports no clock change
    time_service,  // the host's time service (W32Time, ntpd, chronyd, timesyncd): a correction
    other,         // anything else (a user, a script): may have made it wrong
    unknown,       // the record does not say who: adds to a wrong clock, makes none wrong
  };
  By by = By::none;
  bool has_step = false;      // false: a synchronization gained, with no step size given
  bool has_readings = false;  // previous and next are known (Windows gives both)
  Nanoseconds step{0};        // new clock reading minus previous one
  SysNanos previous{};        // the clock's reading just before the change
  SysNanos next{};            // the reading it was set to

  bool present() const noexcept { return by != By::none; }
};

// horolog.clock.changed_by, written beside a reported step: "time_service", "other", "unknown".
std::string_view to_string(ClockChange::By by) noexcept;

// Set by the timeline repair (time_change_repair.h): the record was stamped while a clock change
// its log reported had put the clock wrong. Written as horolog.time.corrected and host.clock.
struct TimeRepair {
  bool applied = false;
  Nanoseconds offset{0};  // true time minus the stamp's clock, as ClockEstimate::offset
  SysNanos since{};       // the true time at which the change put the clock wrong
};

// An extra key/value; `key` is a dotted path into the output object ("ntp.offset_s").
struct Field {
  std::string_view key;
  FieldValue value;
};

struct Event {
  // --- time (see DESIGN.md "Time rules") ---
  SysNanos timestamp{};               // @timestamp, UTC
  std::uint8_t precision_digits = 0;  // fractional digits the source gave (0..9)
  std::string_view time_original;     // the timestamp text exactly as in the record
  std::string_view time_zone;         // zone applied to a zone-less stamp (IANA name), else empty
  TimeFlags time_flags;
  bool stamped_by_host_clock = false;  // the local clock wrote this stamp: correctable
  SysNanos created{};                  // event.created: when the agent read the record

  // --- origin ---
  std::string_view host;       // host.name
  std::string_view app;        // process.name
  std::int64_t pid = -1;       // process.pid; -1 = absent
  std::int16_t facility = -1;  // syslog facility; -1 = absent
  std::int16_t severity = -1;  // syslog severity; -1 = absent
  std::string_view message;
  std::string_view dataset;  // event.dataset ("syslog.rfc3164")
  std::string_view error;    // why the record failed to parse, when flags has parse_error

  // --- where it came from ---
  std::string_view source_path;  // log.file.path
  std::string_view input_name;   // horolog.input
  std::uint64_t offset = 0;      // log.offset: byte offset of the record in its source
  std::uint8_t flags = 0;        // EventFlag bits

  ClockChange clock_change;  // the clock change this record reports, if any
  TimeRepair time_repair;    // the correction of a stamp made while the clock was wrong

  std::vector<Field> fields;  // extras; keys are dotted paths

  void set(EventFlag flag) noexcept { flags |= static_cast<std::uint8_t>(flag); }
  bool has(EventFlag flag) const noexcept { return (flags & static_cast<std::uint8_t>(flag)) != 0; }
  void add(std::string_view key, FieldValue value) { fields.push_back({key, value}); }
  // Back to a blank event, keeping the capacity of `fields`.
  void reset() noexcept;
};

// One read from one source: the bytes, the events parsed out of them.
struct EventBatch {
  std::string bytes;          // the records' bytes; events view into it
  StringArena arena;          // derived strings (unescaped values, decoded text)
  std::vector<Event> events;  // only the first `size` are live; the rest are kept for reuse
  std::size_t size = 0;
  // A buffer the events view into instead of `bytes` (a mapped file read whole), kept alive for
  // as long as the batch holds these events, whatever the source does meanwhile.
  std::shared_ptr<const void> backing;

  Event& next_event();
  // Gives back the event last taken by next_event() (it turned out not to be an event).
  void discard_last() noexcept { --size; }
  void clear() noexcept;
  auto begin() { return events.begin(); }
  auto end() { return events.begin() + static_cast<std::ptrdiff_t>(size); }
  auto begin() const { return events.begin(); }
  auto end() const { return events.begin() + static_cast<std::ptrdiff_t>(size); }
};

}  // namespace horolog
