// Three tables, one per export shape: manifest names, PowerShell positions (the manifest's
// <data> order, checked against the exports in the shared samples), and English message labels.
// Adding a property or an event family is a row in each.
#include "parsers/winevent/event_properties.h"

#include <charconv>
#include <chrono>

#include "normalizer/timestamp_formats.h"
#include "normalizer/windows_time.h"
#include "parsers/winevent/ascii_text.h"

namespace horolog::winevent {
namespace {

using P = EventProperty;
using L = EventLayout;

constexpr std::string_view kEventDataPrefix = "winlog.event_data.";

struct NameRow {
  P property;
  std::string_view name;
};

// Sysmon names the acting process ProcessId/Image; the Security log ProcessId/ProcessName;
// Kernel-General ProcessID. Lookups try every name of a property, in this order.
constexpr NameRow kNames[] = {
    {P::subject_user_sid, "SubjectUserSid"},
    {P::subject_user_name, "SubjectUserName"},
    {P::subject_domain_name, "SubjectDomainName"},
    {P::previous_time, "PreviousTime"},
    {P::previous_time, "OldTime"},
    {P::new_time, "NewTime"},
    {P::process_id, "ProcessId"},
    {P::process_id, "ProcessID"},
    {P::process_name, "ProcessName"},
    {P::reason, "Reason"},
    {P::time_source, "TimeSource"},
    {P::object_name, "ObjectName"},
    {P::object_value_name, "ObjectValueName"},
    {P::old_value, "OldValue"},
    {P::new_value, "NewValue"},
    {P::target_object, "TargetObject"},
    {P::details, "Details"},
    {P::command_line, "CommandLine"},
    {P::new_process_name, "NewProcessName"},
    {P::new_process_id, "NewProcessId"},
    {P::image, "Image"},
    {P::user, "User"},
};

struct PositionRow {
  L layout;
  int min_version;  // the layout holds from this event version on
  int max_version;
  P property;
  unsigned position;  // paramN
};

constexpr int kAnyVersion = 0xffff;

constexpr PositionRow kPositions[] = {
    {L::security_4616, 0, kAnyVersion, P::subject_user_sid, 1},
    {L::security_4616, 0, kAnyVersion, P::subject_user_name, 2},
    {L::security_4616, 0, kAnyVersion, P::subject_domain_name, 3},
    {L::security_4616, 0, kAnyVersion, P::previous_time, 5},
    {L::security_4616, 0, kAnyVersion, P::new_time, 6},
    {L::security_4616, 0, kAnyVersion, P::process_id, 7},
    {L::security_4616, 0, kAnyVersion, P::process_name, 8},
    {L::security_4657, 0, kAnyVersion, P::subject_user_sid, 1},
    {L::security_4657, 0, kAnyVersion, P::subject_user_name, 2},
    {L::security_4657, 0, kAnyVersion, P::subject_domain_name, 3},
    {L::security_4657, 0, kAnyVersion, P::object_name, 5},
    {L::security_4657, 0, kAnyVersion, P::object_value_name, 6},
    {L::security_4657, 0, kAnyVersion, P::old_value, 10},
    {L::security_4657, 0, kAnyVersion, P::new_value, 12},
    {L::security_4657, 0, kAnyVersion, P::process_id, 13},
    {L::security_4657, 0, kAnyVersion, P::process_name, 14},
    {L::security_4688, 0, kAnyVersion, P::subject_user_sid, 1},
    {L::security_4688, 0, kAnyVersion, P::subject_user_name, 2},
    {L::security_4688, 0, kAnyVersion, P::subject_domain_name, 3},
    {L::security_4688, 0, kAnyVersion, P::new_process_id, 5},
    {L::security_4688, 0, kAnyVersion, P::new_process_name, 6},
    {L::security_4688, 0, kAnyVersion, P::process_id, 8},
    {L::security_4688, 0, kAnyVersion, P::command_line, 9},
    // Versions 0..2 carry NewTime, OldTime, Reason, ProcessName, ProcessID; version 4 inserts
    // TimeDeltaInMs after OldTime. Version 3 is not known here, so it is not guessed.
    {L::kernel_general_1, 0, 2, P::new_time, 1},
    {L::kernel_general_1, 0, 2, P::previous_time, 2},
    {L::kernel_general_1, 0, 2, P::reason, 3},
    {L::kernel_general_1, 0, 2, P::process_name, 4},
    {L::kernel_general_1, 0, 2, P::process_id, 5},
    {L::kernel_general_1, 4, kAnyVersion, P::new_time, 1},
    {L::kernel_general_1, 4, kAnyVersion, P::previous_time, 2},
    {L::kernel_general_1, 4, kAnyVersion, P::reason, 4},
    {L::kernel_general_1, 4, kAnyVersion, P::process_name, 5},
    {L::kernel_general_1, 4, kAnyVersion, P::process_id, 6},
    {L::time_service_source, 0, kAnyVersion, P::time_source, 1},
    // Sysmon schema 4.x: event 1 version 5, registry events version 2.
    {L::sysmon_1, 5, 5, P::process_id, 4},
    {L::sysmon_1, 5, 5, P::image, 5},
    {L::sysmon_1, 5, 5, P::command_line, 11},
    {L::sysmon_1, 5, 5, P::user, 13},
    {L::sysmon_registry, 2, 2, P::process_id, 5},
    {L::sysmon_registry, 2, 2, P::image, 6},
    {L::sysmon_registry, 2, 2, P::target_object, 7},
    {L::sysmon_registry, 2, 2, P::details, 8},
};

// A label of the rendered (English) message: the value follows `prefix` up to `end` or the end
// of the line. `line_start`: only blanks may precede the prefix on its line ("Name:" is not the
// end of "Account Name:").
struct LabelRow {
  L layout;
  P property;
  std::string_view prefix;
  bool line_start;
  std::string_view end;
};

constexpr LabelRow kLabels[] = {
    {L::security_4616, P::subject_user_sid, "Security ID:", true, {}},
    {L::security_4616, P::subject_user_name, "Account Name:", true, {}},
    {L::security_4616, P::subject_domain_name, "Account Domain:", true, {}},
    {L::security_4616, P::process_id, "Process ID:", true, {}},
    {L::security_4616, P::process_name, "Name:", true, {}},
    {L::security_4616, P::previous_time, "Previous Time:", true, {}},
    {L::security_4616, P::new_time, "New Time:", true, {}},
    {L::security_4657, P::subject_user_sid, "Security ID:", true, {}},
    {L::security_4657, P::subject_user_name, "Account Name:", true, {}},
    {L::security_4657, P::subject_domain_name, "Account Domain:", true, {}},
    {L::security_4657, P::object_name, "Object Name:", true, {}},
    {L::security_4657, P::object_value_name, "Object Value Name:", true, {}},
    {L::security_4657, P::old_value, "Old Value:", true, {}},
    {L::security_4657, P::new_value, "New Value:", true, {}},
    {L::security_4657, P::process_id, "Process ID:", true, {}},
    {L::security_4657, P::process_name, "Process Name:", true, {}},
    // The first Security ID/Account Name is the creator's (the target's follows).
    {L::security_4688, P::subject_user_sid, "Security ID:", true, {}},
    {L::security_4688, P::subject_user_name, "Account Name:", true, {}},
    {L::security_4688, P::subject_domain_name, "Account Domain:", true, {}},
    {L::security_4688, P::new_process_id, "New Process ID:", true, {}},
    {L::security_4688, P::new_process_name, "New Process Name:", true, {}},
    {L::security_4688, P::process_id, "Creator Process ID:", true, {}},
    {L::security_4688, P::command_line, "Process Command Line:", true, {}},
    // "The system time has changed to <new> from <old>." and, on newer systems,
    // "Process: '<path>' (PID <n>)."
    {L::kernel_general_1, P::new_time, "has changed to ", false, " from "},
    {L::kernel_general_1, P::previous_time, " from ", false, {}},
    {L::kernel_general_1, P::reason, "Change Reason:", true, {}},
    {L::kernel_general_1, P::process_name, "Process: '", true, "'"},
    {L::kernel_general_1, P::process_id, "(PID ", false, ")"},
    {L::time_service_source, P::time_source, "with the time source ", false, {}},
    {L::time_service_source, P::time_source, "valid time data from ", false, {}},
    {L::sysmon_1, P::process_id, "ProcessId:", true, {}},
    {L::sysmon_1, P::image, "Image:", true, {}},
    {L::sysmon_1, P::command_line, "CommandLine:", true, {}},
    {L::sysmon_1, P::user, "User:", true, {}},
    {L::sysmon_registry, P::process_id, "ProcessId:", true, {}},
    {L::sysmon_registry, P::image, "Image:", true, {}},
    {L::sysmon_registry, P::target_object, "TargetObject:", true, {}},
    {L::sysmon_registry, P::details, "Details:", true, {}},
    {L::sysmon_registry, P::user, "User:", true, {}},
};

// Kernel-General's Change Reason as rendered, for the CSV that has only the text.
struct ReasonText {
  std::string_view words;
  std::uint64_t code;
};
constexpr ReasonText kReasonTexts[] = {
    {"application or system component", 1},
    {"hardware clock", 2},
    {"time zone", 3},
};

constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view text) noexcept {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

bool at_line_start(std::string_view text, std::size_t at) noexcept {
  while (at > 0) {
    const char c = text[--at];
    if (c == '\n') return true;
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

std::string_view label_value(std::string_view message, const LabelRow& row) noexcept {
  std::size_t at = message.find(row.prefix);
  while (at != std::string_view::npos && row.line_start && !at_line_start(message, at)) {
    at = message.find(row.prefix, at + 1);
  }
  if (at == std::string_view::npos) return {};
  std::string_view rest = message.substr(at + row.prefix.size());
  rest = rest.substr(0, rest.find_first_of("\r\n"));
  if (!row.end.empty()) rest = rest.substr(0, rest.find(row.end));
  rest = trim(rest);
  // A sentence's closing period is not part of the value.
  if (!row.line_start && !rest.empty() && rest.back() == '.') rest.remove_suffix(1);
  return rest;
}

// The property's text without the U+200E marks Event Viewer puts around date parts.
std::size_t without_marks(std::string_view text, char* out, std::size_t capacity) noexcept {
  constexpr std::string_view kMark = "\xE2\x80\x8E";
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (text.compare(i, kMark.size(), kMark) == 0) {
      i += kMark.size();
      continue;
    }
    if (n == capacity) return 0;
    out[n++] = text[i++];
  }
  return n;
}

bool civil_to_sys(const CivilTime& civil, SysNanos& out) noexcept {
  using namespace std::chrono;
  const year_month_day date{year{civil.year}, month{civil.month}, day{civil.day}};
  if (!date.ok() || !civil.has_offset) return false;
  out = SysNanos{sys_days{date}} + hours{civil.hour} + minutes{civil.minute} +
        seconds{civil.second} + nanoseconds{civil.nanos} - seconds{civil.offset_seconds};
  return true;
}

}  // namespace

EventProperties::EventProperties(const Event& event, EventLayout layout, int version) noexcept
    : event_(event), layout_(layout), version_(version) {
  for (const Field& field : event.fields) {
    if (field.key.starts_with(kEventDataPrefix)) {
      has_event_data_ = true;
      break;
    }
  }
}

std::string_view EventProperties::named(std::string_view name) const noexcept {
  for (const Field& field : event_.fields) {
    if (field.key.size() == kEventDataPrefix.size() + name.size() &&
        field.key.starts_with(kEventDataPrefix) && field.key.ends_with(name)) {
      return trim(field.value.text);
    }
  }
  return {};
}

std::string_view EventProperties::positional(EventProperty property) const noexcept {
  for (const PositionRow& row : kPositions) {
    if (row.layout != layout_ || row.property != property) continue;
    if (version_ >= 0 && (version_ < row.min_version || version_ > row.max_version)) continue;
    char name[16] = "param";
    const auto end = std::to_chars(name + 5, name + sizeof name, row.position).ptr;
    return named({name, static_cast<std::size_t>(end - name)});
  }
  return {};
}

std::string_view EventProperties::labelled(EventProperty property) const noexcept {
  for (const LabelRow& row : kLabels) {
    if (row.layout != layout_ || row.property != property) continue;
    if (const std::string_view value = label_value(event_.message, row); !value.empty()) {
      return value;
    }
  }
  return {};
}

std::string_view EventProperties::text(EventProperty property) const noexcept {
  if (!has_event_data_) return labelled(property);
  for (const NameRow& row : kNames) {
    if (row.property != property) continue;
    if (const std::string_view value = named(row.name); !value.empty()) return value;
  }
  return positional(property);
}

bool EventProperties::number(EventProperty property, std::uint64_t& out) const noexcept {
  std::string_view value = text(property);
  if (property == P::reason && !has_event_data_) {
    for (const ReasonText& reason : kReasonTexts) {
      if (ifind(value, reason.words) != std::string_view::npos) {
        out = reason.code;
        return true;
      }
    }
  }
  int base = 10;
  if (value.size() > 2 && value[0] == '0' && (value[1] == 'x' || value[1] == 'X')) {
    value.remove_prefix(2);
    base = 16;
  }
  if (value.empty()) return false;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out, base);
  return ec == std::errc() && end == value.data() + value.size();
}

bool EventProperties::time(EventProperty property, SysNanos& out) const noexcept {
  char buffer[64];
  const std::size_t size = without_marks(text(property), buffer, sizeof buffer);
  const std::string_view value{buffer, size};
  if (value.empty()) return false;
  if (UtcTime utc; parse_dotnet_json_date(value, utc) == value.size()) {
    out = utc.time;
    return true;
  }
  CivilTime civil;
  return parse_rfc3339(value, civil) == value.size() && civil_to_sys(civil, out);
}

}  // namespace horolog::winevent
