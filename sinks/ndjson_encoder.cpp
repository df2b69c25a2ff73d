// Maps Event fields onto the output schema's dotted keys once (map_event); two writers take the
// result: DirectWriter streams the line out, ObjectAdder feeds JsonObjectWriter when extras
// collide.
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

// The schema's own members, in key order (json_object.h's key_less).
enum FixedKey : std::uint8_t {
  kTimestamp,
  kCreated,
  kDataset,
  kTimezone,
  kError,
  kFlags,
  kInput,
  kCorrected,
  kTimeFlags,
  kOriginal,
  kErrorMs,
  kMeasuredAt,
  kOffsetMs,
  kServersAgreeing,
  kServersRejected,
  kServersUsed,
  kClockSource,
  kSynchronized,
  kHostName,
  kPath,
  kOffset,
  kFacilityCode,
  kFacilityName,
  kSeverityCode,
  kSeverityName,
  kMessage,
  kProcessName,
  kPid,
  kFixedCount
};
static_assert(kFixedCount <= 32, "kept_fixed_ holds a bit per fixed member");
constexpr std::string_view kFixedKeys[kFixedCount] = {
    "@timestamp",
    "event.created",
    "event.dataset",
    "event.timezone",
    "horolog.error",
    "horolog.flags",
    "horolog.input",
    "horolog.time.corrected",
    "horolog.time.flags",
    "horolog.time.original",
    "host.clock.error_ms",
    "host.clock.measured_at",
    "host.clock.offset_ms",
    "host.clock.servers_agreeing",
    "host.clock.servers_rejected",
    "host.clock.servers_used",
    "host.clock.source",
    "host.clock.synchronized",
    "host.name",
    "log.file.path",
    "log.offset",
    "log.syslog.facility.code",
    "log.syslog.facility.name",
    "log.syslog.severity.code",
    "log.syslog.severity.name",
    "message",
    "process.name",
    "process.pid",
};

// The punctuation between any two fixed members, computed once by the same functions that
// JsonObjectWriter uses, so both paths write the same bytes.
struct LeadTable {
  LeadTable() {
    for (unsigned key = 0; key < kFixedCount; ++key) {
      append_member_lead(first[key], nullptr, kFixedKeys[key]);
      append_member_close(close[key], kFixedKeys[key]);
      for (unsigned previous = 0; previous < key; ++previous) {
        append_member_lead(after[previous][key], &kFixedKeys[previous], kFixedKeys[key]);
      }
    }
  }
  std::string first[kFixedCount];               // the first member of the line
  std::string after[kFixedCount][kFixedCount];  // [previous][key], previous < key
  std::string close[kFixedCount];               // after the last member
};

const LeadTable& lead_table() {
  static const LeadTable table;
  return table;
}

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

// The host.clock members, in key order (the same for every event of a batch).
template <class Emitter>
void map_clock(const ClockEstimate& clock, std::string& text, Emitter& e) {
  if (clock.source != ClockSource::none) {
    text.clear();
    append_json_millis(text, clock.error_bound);
    e.raw(kErrorMs, text);
    e.time(kMeasuredAt, clock.measured_at, kMeasuredDigits);
    text.clear();
    append_json_millis(text, clock.offset);
    e.raw(kOffsetMs, text);
    e.uint64(kServersAgreeing, clock.servers_agreeing);
    e.uint64(kServersRejected, clock.servers_rejected);
    e.uint64(kServersUsed, clock.servers_used);
  }
  e.plain(kClockSource, to_string(clock.source));
  e.boolean(kSynchronized, clock.synchronized);
}

bool same_estimate(const ClockEstimate& a, const ClockEstimate& b) noexcept {
  return a.offset == b.offset && a.error_bound == b.error_bound && a.measured_at == b.measured_at &&
         a.source == b.source && a.synchronized == b.synchronized &&
         a.servers_used == b.servers_used && a.servers_agreeing == b.servers_agreeing &&
         a.servers_rejected == b.servers_rejected;
}

// The one mapping from Event to schema members, in key order. `e` receives each member;
// `text` is scratch for composed values (valid until the next call on `e`).
template <class Emitter>
void map_event(const Event& event, const ClockEstimate* clock, std::string& text, Emitter& e) {
  e.time(kTimestamp, event.timestamp, event.precision_digits);
  e.time(kCreated, event.created, kCreatedDigits);
  if (!event.dataset.empty()) e.string(kDataset, event.dataset);
  if (!event.time_zone.empty()) e.string(kTimezone, event.time_zone);
  if (event.has(EventFlag::parse_error) && !event.error.empty()) e.string(kError, event.error);
  if (event.flags != 0) {
    text.clear();
    append_flag_array(text, event.flags, kEventFlagNames);
    e.raw(kFlags, text);
  }
  if (!event.input_name.empty()) e.string(kInput, event.input_name);
  // Only an estimate someone vouches for moves a time: an untrusted one (a lone server an hour
  // off, an undisciplined kernel) is written in host.clock for the record, and that is all.
  const bool correctable = event.stamped_by_host_clock || event.time_repair.applied;
  if (correctable && clock != nullptr && clock->synchronized) {
    const unsigned digits = std::max<unsigned>(event.precision_digits, kOffsetDigits);
    e.time(kCorrected, event.timestamp + clock->offset, digits);
  }
  if (!event.time_flags.empty()) {
    text.clear();
    append_flag_array(text, event.time_flags.bits(), kTimeFlagNames);
    e.raw(kTimeFlags, text);
  }
  if (!event.time_original.empty()) e.string(kOriginal, event.time_original);
  if (clock != nullptr) e.clock(*clock, text);
  if (!event.host.empty()) e.string(kHostName, event.host);
  if (!event.source_path.empty()) e.string(kPath, event.source_path);
  e.uint64(kOffset, event.offset);
  if (event.facility >= 0) {
    e.int64(kFacilityCode, event.facility);
    if (static_cast<std::size_t>(event.facility) < std::size(kFacilityNames)) {
      e.plain(kFacilityName, kFacilityNames[event.facility]);
    }
  }
  if (event.severity >= 0) {
    e.int64(kSeverityCode, event.severity);
    if (static_cast<std::size_t>(event.severity) < std::size(kSeverityNames)) {
      e.plain(kSeverityName, kSeverityNames[event.severity]);
    }
  }
  e.string(kMessage, event.message);
  if (!event.app.empty()) e.string(kProcessName, event.app);
  if (event.pid >= 0) e.int64(kPid, event.pid);
}

}  // namespace

// The host.clock members of one estimate as they appear in a line: the first kept member's value
// through the last one's, with the punctuation between them. Built when the estimate changes.
class NdjsonEncoder::ClockBlock {
 public:
  // Brings the block up to date for `clock` and returns it.
  const ClockBlock& update(const ClockEstimate& clock, std::uint32_t kept_fixed,
                           std::string& text) {
    if (built_ && same_estimate(clock, estimate_)) return *this;
    estimate_ = clock;
    built_ = true;
    bytes_.clear();
    first_ = last_ = kFixedCount;
    kept_fixed_ = kept_fixed;
    map_clock(clock, text, *this);
    return *this;
  }

  unsigned first() const noexcept { return first_; }  // kFixedCount: nothing kept
  unsigned last() const noexcept { return last_; }
  std::string_view bytes() const noexcept { return bytes_; }

  // The Emitter interface of map_clock.
  void string(FixedKey key, std::string_view value) {
    if (lead(key)) append_json_string(bytes_, value);
  }
  void plain(FixedKey key, std::string_view value) {
    if (!lead(key)) return;
    bytes_.push_back('"');
    bytes_.append(value);
    bytes_.push_back('"');
  }
  void time(FixedKey key, SysNanos time, unsigned digits) {
    if (!lead(key)) return;
    char buffer[kRfc3339MaxLength];
    bytes_.push_back('"');
    bytes_.append(buffer, format_rfc3339_utc(time, digits, buffer));
    bytes_.push_back('"');
  }
  void raw(FixedKey key, std::string_view json) {
    if (lead(key)) bytes_.append(json);
  }
  void uint64(FixedKey key, std::uint64_t value) {
    if (lead(key)) append_json_uint(bytes_, value);
  }
  void boolean(FixedKey key, bool value) {
    if (lead(key)) bytes_.append(value ? "true" : "false");
  }

 private:
  bool lead(FixedKey key) {
    if ((kept_fixed_ & (1u << key)) == 0) return false;
    if (first_ == kFixedCount) {
      first_ = key;
    } else {
      bytes_.append(lead_table().after[last_][key]);
    }
    last_ = key;
    return true;
  }

  bool built_ = false;
  ClockEstimate estimate_;
  std::uint32_t kept_fixed_ = 0;
  unsigned first_ = kFixedCount;
  unsigned last_ = kFixedCount;
  std::string bytes_;
};

// Streams members straight into the line, merging the sorted extras in. Gives up (finish()
// returns false) when a member collides with its neighbour: only renaming can write that line.
class NdjsonEncoder::DirectWriter {
 public:
  DirectWriter(std::string& out, const std::vector<Field>& fields, const ExtrasLayout& layout,
               Rfc3339Formatter (&time_formats)[4], std::uint32_t kept_fixed, ClockBlock& block)
      : out_(out),
        fields_(fields),
        layout_(layout),
        time_formats_(time_formats),
        table_(lead_table()),
        kept_fixed_(kept_fixed),
        block_(block) {
    out_.push_back('{');
  }

  void string(FixedKey key, std::string_view value) {
    if (lead(key)) append_json_string(out_, value);
  }
  // Text that needs no escaping (the schema's own keywords).
  void plain(FixedKey key, std::string_view value) {
    if (!lead(key)) return;
    out_.push_back('"');
    out_.append(value);
    out_.push_back('"');
  }
  void time(FixedKey key, SysNanos time, unsigned digits) {
    if (!lead(key)) return;
    char buffer[kRfc3339MaxLength + 2];
    buffer[0] = '"';
    const std::size_t length = time_format(key).format(time, digits, buffer + 1);
    buffer[length + 1] = '"';
    out_.append(buffer, length + 2);
  }
  void raw(FixedKey key, std::string_view json) {
    if (lead(key)) out_.append(json);
  }
  void int64(FixedKey key, std::int64_t value) {
    if (lead(key)) append_json_int(out_, value);
  }
  void uint64(FixedKey key, std::uint64_t value) {
    if (lead(key)) append_json_uint(out_, value);
  }
  void boolean(FixedKey key, bool value) {
    if (lead(key)) out_.append(value ? "true" : "false");
  }
  // The host.clock members: copied from the block, or member by member when an extra sorts
  // between two of them and has to be merged in.
  void clock(const ClockEstimate& clock, std::string& text) {
    const ClockBlock& block = block_.update(clock, kept_fixed_, text);
    if (block.first() == kFixedCount) return;
    for (std::size_t j = next_extra_; j < layout_.size(); ++j) {
      const unsigned before = layout_.before_fixed(j);
      if (before > block.last()) break;
      if (before > block.first()) {
        map_clock(clock, text, *this);
        return;
      }
    }
    const auto first = static_cast<FixedKey>(block.first());
    if (!lead(first)) return;
    out_.append(block.bytes());
    previous_key_ = &kFixedKeys[block.last()];
    previous_fixed_ = block.last();
  }

  // Writes the remaining extras and closes the object; false when the line must be redone.
  bool finish() {
    while (ok_ && next_extra_ < layout_.size()) write_extra();
    if (!ok_) return false;
    if (previous_fixed_ < kFixedCount) {
      out_.append(table_.close[previous_fixed_]);
    } else if (previous_key_ != nullptr) {
      append_member_close(out_, *previous_key_);
    }
    out_.push_back('}');
    return true;
  }

 private:
  // Writes what precedes fixed member `key`: first the extras that sort before it. False when
  // the member is not to be written (left out by the selection, or the line must be redone).
  bool lead(FixedKey key) {
    if ((kept_fixed_ & (1u << key)) == 0) return false;
    while (ok_ && next_extra_ < layout_.size() && layout_.before_fixed(next_extra_) <= key) {
      write_extra();
    }
    if (!ok_) return false;
    if (previous_key_ == nullptr) {
      out_.append(table_.first[key]);
    } else if (previous_fixed_ < kFixedCount) {
      out_.append(table_.after[previous_fixed_][key]);
    } else {
      if (keys_collide(*previous_key_, kFixedKeys[key])) return ok_ = false;
      append_member_lead(out_, previous_key_, kFixedKeys[key]);
    }
    previous_key_ = &kFixedKeys[key];
    previous_fixed_ = key;
    return true;
  }

  Rfc3339Formatter& time_format(FixedKey key) noexcept {
    switch (key) {
      case kTimestamp: return time_formats_[0];
      case kCreated: return time_formats_[1];
      case kCorrected: return time_formats_[2];
      default: return time_formats_[3];
    }
  }

  void write_extra() {
    const std::size_t index = next_extra_++;
    const Field& field = fields_[layout_.field_index(index)];
    if (previous_key_ != nullptr && previous_fixed_ == kFixedCount) {
      // The previous member was the previous extra: the layout has the punctuation.
      const std::string* lead = layout_.lead_after_previous(index);
      if (lead == nullptr) {
        ok_ = false;
        return;
      }
      out_.append(*lead);
    } else {
      if (previous_key_ != nullptr && keys_collide(*previous_key_, field.key)) {
        ok_ = false;
        return;
      }
      append_member_lead(out_, previous_key_, field.key);
    }
    append_json_value(out_, field.value);
    previous_key_ = &field.key;
    previous_fixed_ = kFixedCount;
  }

  std::string& out_;
  const std::vector<Field>& fields_;
  const ExtrasLayout& layout_;
  Rfc3339Formatter (&time_formats_)[4];
  const LeadTable& table_;
  const std::uint32_t kept_fixed_;
  ClockBlock& block_;
  std::size_t next_extra_ = 0;
  const std::string_view* previous_key_ = nullptr;  // the last member written
  unsigned previous_fixed_ = kFixedCount;           // its FixedKey, or kFixedCount for an extra
  bool ok_ = true;
};

// Adds the fixed members to a JsonObjectWriter (values composed on the fly are kept there).
class NdjsonEncoder::ObjectAdder {
 public:
  ObjectAdder(JsonObjectWriter& object, std::uint32_t kept_fixed)
      : object_(object), kept_fixed_(kept_fixed) {}

  void string(FixedKey key, std::string_view value) { add(key, FieldValue::string(value)); }
  void plain(FixedKey key, std::string_view value) { add(key, FieldValue::string(value)); }
  void time(FixedKey key, SysNanos time, unsigned digits) {
    char buffer[kRfc3339MaxLength];
    const std::size_t length = format_rfc3339_utc(time, digits, buffer);
    add(key, FieldValue::string(object_.keep({buffer, length})));
  }
  void raw(FixedKey key, std::string_view json) { add(key, FieldValue::json(object_.keep(json))); }
  void int64(FixedKey key, std::int64_t value) { add(key, FieldValue::int64(value)); }
  void uint64(FixedKey key, std::uint64_t value) { add(key, FieldValue::uint64(value)); }
  void boolean(FixedKey key, bool value) { add(key, FieldValue::boolean(value)); }
  void clock(const ClockEstimate& clock, std::string& text) { map_clock(clock, text, *this); }

 private:
  void add(FixedKey key, const FieldValue& value) {
    if ((kept_fixed_ & (1u << key)) != 0) object_.add(kFixedKeys[key], value, true);
  }

  JsonObjectWriter& object_;
  const std::uint32_t kept_fixed_;
};

NdjsonEncoder::NdjsonEncoder(const FieldSelection& selection)
    : selection_(selection),
      kept_fixed_(0),
      layout_(kFixedKeys, selection),
      clock_block_(std::make_unique<ClockBlock>()) {
  for (unsigned key = 0; key < kFixedCount; ++key) {
    if (selection_.keeps(kFixedKeys[key])) kept_fixed_ |= 1u << key;
  }
  repaired_.source = ClockSource::time_change;
  repaired_.synchronized = true;
  repaired_.error_bound = std::chrono::milliseconds(1);
}

NdjsonEncoder::~NdjsonEncoder() = default;
NdjsonEncoder::NdjsonEncoder(NdjsonEncoder&&) noexcept = default;
NdjsonEncoder& NdjsonEncoder::operator=(NdjsonEncoder&&) noexcept = default;

const ClockEstimate* NdjsonEncoder::clock_for(const Event& event, const EncodeContext& context) {
  if (!event.time_repair.applied) return context.clock;
  repaired_.offset = event.time_repair.offset;
  repaired_.measured_at = event.time_repair.since;
  return &repaired_;
}

void NdjsonEncoder::encode(const Event& event, const EncodeContext& context, std::string& out) {
  const std::size_t line_start = out.size();
  const ClockEstimate* clock = clock_for(event, context);
  if (layout_.update(event.fields)) {
    DirectWriter writer(out, event.fields, layout_, time_formats_, kept_fixed_, *clock_block_);
    map_event(event, clock, text_, writer);
    if (writer.finish()) {
      out.push_back('\n');
      return;
    }
    out.resize(line_start);
  }
  object_.clear();
  ObjectAdder adder(object_, kept_fixed_);
  map_event(event, clock, text_, adder);
  for (const Field& field : event.fields) {
    if (keeps_extra(field)) object_.add(field.key, field.value, false);
  }
  object_.write(out);
  out.push_back('\n');
}

void NdjsonEncoder::encode_batch(const EventBatch& batch, std::size_t count,
                                 const EncodeContext& context, EncodedBatch& encoded,
                                 std::string& storage) {
  storage.clear();
  encoded.line_ends.clear();
  for (std::size_t i = 0; i < count && i < batch.size; ++i) {
    encode(batch.events[i], context, storage);
    encoded.line_ends.push_back(static_cast<std::uint32_t>(storage.size()));
  }
  encoded.events = &batch;
  encoded.ndjson = storage;
}

void NdjsonEncoder::append_rest(const EventBatch& batch, const EncodeContext& context,
                                EncodedBatch& encoded, std::string& storage) {
  for (std::size_t i = encoded.line_ends.size(); i < batch.size; ++i) {
    encode(batch.events[i], context, storage);
    encoded.line_ends.push_back(static_cast<std::uint32_t>(storage.size()));
  }
  encoded.ndjson = storage;
}

}  // namespace horolog
