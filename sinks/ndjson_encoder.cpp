// Maps Event fields onto the output schema's dotted keys; JsonObjectWriter does the nesting.
#include "sinks/ndjson_encoder.h"

#include <algorithm>
#include <iterator>

#include "normalizer/rfc3339_format.h"
#include "sinks/json_number.h"
#include "sinks/json_string.h"

namespace horolog {

namespace {

// Syslog facility and severity keywords, indexed by code (RFC 5424 tables, ECS spelling).
constexpr std::string_view kFacilityNames[] = {
    "kern",   "user",   "mail",     "daemon", "auth",   "syslog",   "lpr",     "news",
    "uucp",   "cron",   "authpriv", "ftp",    "ntp",    "security", "console", "solaris-cron",
    "local0", "local1", "local2",   "local3", "local4", "local5",   "local6",  "local7",
};
constexpr std::string_view kSeverityNames[] = {
    "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug",
};

constexpr unsigned kCreatedDigits = 6;
constexpr unsigned kMeasuredDigits = 6;
constexpr unsigned kOffsetDigits = 6;  // the offset is published with microsecond resolution

constexpr std::string_view kEventFlagNames[] = {"parse_error", "truncated"};

// Appends `["name",...]` for the set bits of `bits`, in bit order.
template <std::size_t N>
void append_flag_array(std::string& out, unsigned bits, const std::string_view (&names)[N]) {
  out.push_back('[');
  bool first = true;
  for (std::size_t bit = 0; bit < N; ++bit) {
    if ((bits & (1u << bit)) == 0) continue;
    if (!first) out.push_back(',');
    append_json_string(out, names[bit]);
    first = false;
  }
  out.push_back(']');
}

}  // namespace

void NdjsonEncoder::add_time(std::string_view key, SysNanos time, unsigned digits) {
  char buffer[kRfc3339MaxLength];
  const std::size_t length = format_rfc3339_utc(time, digits, buffer);
  object_.add(key, FieldValue::string(object_.keep({buffer, length})), true);
}

void NdjsonEncoder::add_raw(std::string_view key) {
  object_.add(key, FieldValue::json(object_.keep(text_)), true);
}

void NdjsonEncoder::add_event_members(const Event& event) {
  add_time("@timestamp", event.timestamp, event.precision_digits);
  add_time("event.created", event.created, kCreatedDigits);
  if (!event.dataset.empty()) object_.add("event.dataset", FieldValue::string(event.dataset), true);
  if (!event.time_zone.empty()) {
    object_.add("event.timezone", FieldValue::string(event.time_zone), true);
  }
}

void NdjsonEncoder::add_horolog_members(const Event& event, const ClockEstimate* clock) {
  if (event.has(EventFlag::parse_error) && !event.error.empty()) {
    object_.add("horolog.error", FieldValue::string(event.error), true);
  }
  if (event.flags != 0) {
    text_.clear();
    append_flag_array(text_, event.flags, kEventFlagNames);
    add_raw("horolog.flags");
  }
  if (!event.input_name.empty()) {
    object_.add("horolog.input", FieldValue::string(event.input_name), true);
  }
  if (event.stamped_by_host_clock && clock != nullptr && clock->source != ClockSource::none) {
    const unsigned digits = std::max<unsigned>(event.precision_digits, kOffsetDigits);
    add_time("horolog.time.corrected", event.timestamp + clock->offset, digits);
  }
  if (!event.time_flags.empty()) {
    text_.clear();
    append_flag_array(text_, event.time_flags.bits(), kTimeFlagNames);
    add_raw("horolog.time.flags");
  }
  if (!event.time_original.empty()) {
    object_.add("horolog.time.original", FieldValue::string(event.time_original), true);
  }
}

void NdjsonEncoder::add_host_members(const Event& event, const ClockEstimate* clock) {
  if (clock != nullptr) {
    const bool measured = clock->source != ClockSource::none;
    if (measured) {
      text_.clear();
      append_json_millis(text_, clock->error_bound);
      add_raw("host.clock.error_ms");
      add_time("host.clock.measured_at", clock->measured_at, kMeasuredDigits);
      text_.clear();
      append_json_millis(text_, clock->offset);
      add_raw("host.clock.offset_ms");
      object_.add("host.clock.servers_rejected", FieldValue::uint64(clock->servers_rejected), true);
      object_.add("host.clock.servers_used", FieldValue::uint64(clock->servers_used), true);
    }
    object_.add("host.clock.source", FieldValue::string(to_string(clock->source)), true);
    object_.add("host.clock.synchronized", FieldValue::boolean(clock->synchronized), true);
  }
  if (!event.host.empty()) object_.add("host.name", FieldValue::string(event.host), true);
}

void NdjsonEncoder::add_log_members(const Event& event) {
  if (!event.source_path.empty()) {
    object_.add("log.file.path", FieldValue::string(event.source_path), true);
  }
  object_.add("log.offset", FieldValue::uint64(event.offset), true);
  if (event.facility >= 0) {
    object_.add("log.syslog.facility.code", FieldValue::int64(event.facility), true);
    if (static_cast<std::size_t>(event.facility) < std::size(kFacilityNames)) {
      object_.add("log.syslog.facility.name", FieldValue::string(kFacilityNames[event.facility]),
                  true);
    }
  }
  if (event.severity >= 0) {
    object_.add("log.syslog.severity.code", FieldValue::int64(event.severity), true);
    if (static_cast<std::size_t>(event.severity) < std::size(kSeverityNames)) {
      object_.add("log.syslog.severity.name", FieldValue::string(kSeverityNames[event.severity]),
                  true);
    }
  }
}

void NdjsonEncoder::encode(const Event& event, const EncodeContext& context, std::string& out) {
  // Fixed members are added in key order, which spares JsonObjectWriter a sort.
  object_.clear();
  add_event_members(event);
  add_horolog_members(event, context.clock);
  add_host_members(event, context.clock);
  add_log_members(event);
  object_.add("message", FieldValue::string(event.message), true);
  if (!event.app.empty()) object_.add("process.name", FieldValue::string(event.app), true);
  if (event.pid >= 0) object_.add("process.pid", FieldValue::int64(event.pid), true);
  for (const Field& field : event.fields) object_.add(field.key, field.value, false);
  object_.write(out);
  out.push_back('\n');
}

void NdjsonEncoder::encode_batch(const EventBatch& batch, const EncodeContext& context,
                                 EncodedBatch& encoded, std::string& storage) {
  storage.clear();
  encoded.line_ends.clear();
  for (const Event& event : batch) {
    encode(event, context, storage);
    encoded.line_ends.push_back(static_cast<std::uint32_t>(storage.size()));
  }
  encoded.events = &batch;
  encoded.ndjson = storage;
}

}  // namespace horolog
