// The names: ECS where it has one, Filebeat's journald names (`systemd.*`, `journald.code.*`)
// where it has not, and `journald.<name>` / `journald.custom.<name>` for the rest, lowercased.
#include "parsers/journal/journal_entry.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>

#include "parsers/ntp/clock_events.h"

namespace horolog {

namespace {

struct NamedField {
  std::string_view journal;
  std::string_view key;
};

// Fields with a name of their own; MESSAGE, PRIORITY, the process and host fields and the
// source time are taken apart in map_journal_entry().
constexpr NamedField kNamedFields[] = {
    {"_SYSTEMD_UNIT", "systemd.unit"},
    {"_SYSTEMD_USER_UNIT", "systemd.user_unit"},
    {"_SYSTEMD_SLICE", "systemd.slice"},
    {"_SYSTEMD_CGROUP", "systemd.cgroup"},
    {"_SYSTEMD_INVOCATION_ID", "systemd.invocation_id"},
    {"_SYSTEMD_OWNER_UID", "systemd.owner_uid"},
    {"_SYSTEMD_SESSION", "systemd.session"},
    {"_TRANSPORT", "systemd.transport"},
    {"_EXE", "process.executable"},
    {"_CMDLINE", "process.command_line"},
    {"_UID", "user.id"},
    {"_GID", "user.group.id"},
    {"_BOOT_ID", "host.boot.id"},
    {"_MACHINE_ID", "host.id"},
    {"CODE_FILE", "journald.code.file"},
    {"CODE_LINE", "journald.code.line"},
    {"CODE_FUNC", "journald.code.func"},
    {"_AUDIT_SESSION", "journald.audit.session"},
    {"_AUDIT_LOGINUID", "journald.audit.login_uid"},
};

constexpr char kBase64Digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// RFC 4648 base64 with padding.
std::string_view base64(std::string_view bytes, StringArena& arena) {
  const std::size_t size = (bytes.size() + 2) / 3 * 4;
  char* out = arena.allocate(size);
  std::size_t o = 0;
  std::size_t i = 0;
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(bytes[at]); };
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out[o++] = kBase64Digits[(v >> 18) & 63];
    out[o++] = kBase64Digits[(v >> 12) & 63];
    out[o++] = kBase64Digits[(v >> 6) & 63];
    out[o++] = kBase64Digits[v & 63];
  }
  if (i < bytes.size()) {
    const bool two = i + 1 < bytes.size();
    const std::uint32_t v = (byte(i) << 16) | (two ? byte(i + 1) << 8 : 0u);
    out[o++] = kBase64Digits[(v >> 18) & 63];
    out[o++] = kBase64Digits[(v >> 12) & 63];
    out[o++] = two ? kBase64Digits[(v >> 6) & 63] : '=';
    out[o++] = '=';
  }
  return {out, size};
}

std::string_view joined(std::string_view a, std::string_view b, StringArena& arena) {
  char* out = arena.allocate(a.size() + b.size());
  std::memcpy(out, a.data(), a.size());
  std::memcpy(out + a.size(), b.data(), b.size());
  return {out, a.size() + b.size()};
}

// `journald.custom.<name>` for fields the sender chose, `journald.<name>` for journald's own
// (leading `_` dropped), lowercased as Filebeat writes them.
std::string_view generic_key(std::string_view name, StringArena& arena) {
  const bool trusted = !name.empty() && name.front() == '_';
  while (!name.empty() && name.front() == '_') name.remove_prefix(1);
  const std::string_view prefix = trusted ? "journald." : "journald.custom.";
  char* out = arena.allocate(prefix.size() + name.size());
  std::memcpy(out, prefix.data(), prefix.size());
  std::transform(name.begin(), name.end(), out + prefix.size(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return {out, prefix.size() + name.size()};
}

template <class T>
bool parse_number(std::string_view text, T& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

// Adds a text field, with its exact bytes beside it when they are not UTF-8 (binary data).
void add_text(Event& event, std::string_view key, std::string_view value, StringArena& arena) {
  event.add(key, FieldValue::string(value));
  if (!simdjson::validate_utf8(value.data(), value.size())) {
    event.add(joined(key, "_base64", arena), FieldValue::string(base64(value, arena)));
  }
}

bool has_key(const Event& event, std::string_view key) {
  return std::any_of(event.fields.begin(), event.fields.end(),
                     [key](const Field& f) { return f.key == key; });
}

}  // namespace

void map_journal_entry(const JournalEntry& entry, bool host_clock, StringArena& arena,
                       Event& event) {
  event.dataset = kDatasetJournal;
  std::string_view identifier, comm, source_time;
  std::uint64_t source_us = 0;
  for (std::string_view field : entry.fields) {
    const std::size_t eq = field.find('=');
    if (eq == std::string_view::npos) continue;  // sd-journal hands out only NAME=value
    const std::string_view name = field.substr(0, eq);
    const std::string_view value = field.substr(eq + 1);
    int number = 0;
    if (name == "MESSAGE" && event.message.empty()) {
      event.message = value;
      if (!simdjson::validate_utf8(value.data(), value.size())) {
        event.add("journald.message_base64", FieldValue::string(base64(value, arena)));
      }
    } else if (name == "PRIORITY" && event.severity < 0 && parse_number(value, number) &&
               number >= 0 && number <= 7) {
      event.severity = static_cast<std::int16_t>(number);
    } else if (name == "SYSLOG_FACILITY" && event.facility < 0 && parse_number(value, number) &&
               number >= 0 && number <= 23) {
      event.facility = static_cast<std::int16_t>(number);
    } else if (name == "SYSLOG_IDENTIFIER" && identifier.empty()) {
      identifier = value;
    } else if (name == "_COMM" && comm.empty()) {
      comm = value;
    } else if ((name == "_PID" || (name == "SYSLOG_PID" && event.pid < 0)) &&
               parse_number(value, event.pid)) {
      // _PID (trusted) wins over what the sender said in SYSLOG_PID.
    } else if (name == "_HOSTNAME" && event.host.empty()) {
      event.host = value;
    } else if (name == "_SOURCE_REALTIME_TIMESTAMP" && parse_number(value, source_us)) {
      source_time = value;
    } else {
      const auto* named = std::find_if(std::begin(kNamedFields), std::end(kNamedFields),
                                       [name](const NamedField& n) { return n.journal == name; });
      const std::string_view key =
          named != std::end(kNamedFields) ? named->key : generic_key(name, arena);
      // A field repeated in one entry keeps its first value: one JSON member per name.
      if (!has_key(event, key)) add_text(event, key, value, arena);
    }
  }
  event.app = identifier.empty() ? comm : identifier;
  if (!identifier.empty() && !comm.empty()) add_text(event, "journald.process.comm", comm, arena);
  if (event.facility >= 0 && event.severity >= 0) {
    event.add("log.syslog.priority", FieldValue::int64(event.facility * 8 + event.severity));
  }

  // Microseconds since the epoch, UTC by construction: no zone, no inference, no flag.
  const bool from_source = !source_time.empty() && source_us <= kLatestEventTimeUs;
  const std::uint64_t us = from_source ? source_us : entry.realtime_us;
  if (from_source) {
    event.time_original = source_time;
  } else {
    char digits[24];
    const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, us);
    event.time_original =
        arena.copy(std::string_view(digits, static_cast<std::size_t>(end - digits)));
  }
  if (us <= kLatestEventTimeUs) {
    event.timestamp = SysNanos(std::chrono::microseconds(us));
    event.precision_digits = 6;
  } else {
    event.timestamp = event.created;  // a damaged entry: its time is no time
    event.time_flags.set(TimeFlag::no_timestamp);
  }
  event.stamped_by_host_clock = host_clock;
  event.add("journald.realtime_us", FieldValue::uint64(entry.realtime_us));
  event.add("journald.monotonic_us", FieldValue::uint64(entry.monotonic_us));
  if (!entry.boot_id.empty() && !has_key(event, "host.boot.id")) {
    event.add("host.boot.id", FieldValue::string(entry.boot_id));
  }
  if (ntp::is_time_daemon(event.app)) ntp::tag_clock_event(event.message, event);
}

}  // namespace horolog
