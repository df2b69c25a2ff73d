// One question asked of a mapped Windows event, "what is its PreviousTime?", answered the same
// for every export shape: named event data, PowerShell's positional param1..N, or the labels of
// the rendered message (Event Viewer CSV). Views only; nothing is allocated.
#pragma once

#include <cstdint>
#include <string_view>

#include "normalizer/event.h"
#include "normalizer/time_types.h"

namespace horolog::winevent {

// The event properties the clock rules read. Each has one manifest name ("PreviousTime"); the
// tables in event_properties.cpp give its position per event and its label in the message.
enum class EventProperty : std::uint8_t {
  subject_user_sid,
  subject_user_name,
  subject_domain_name,
  previous_time,
  new_time,
  process_id,         // the acting process (4616, 4657, Kernel-General 1; Sysmon's own)
  process_name,       // its executable, a full path
  reason,             // Kernel-General 1: 1 application, 2 hardware clock, 3 time zone
  time_source,        // Time-Service 35, 37
  object_name,        // 4657: the registry key
  object_value_name,  // 4657: the value under it
  old_value,
  new_value,
  target_object,     // Sysmon 12/13/14: the key or value, full path
  details,           // Sysmon 13: the data written
  command_line,      // 4688, Sysmon 1
  new_process_name,  // 4688: the created process
  new_process_id,
  image,  // Sysmon 1: the created process
  user,   // Sysmon: `DOMAIN\\name` of the acting process
};

// The event families whose layouts are known; `other` has none (lookups by name still work).
enum class EventLayout : std::uint8_t {
  other,
  security_4616,
  security_4657,
  security_4688,
  kernel_general_1,
  time_service_source,  // Time-Service 35 and 37: the source is the only property
  sysmon_1,
  sysmon_registry,  // Sysmon 12, 13, 14
};

class EventProperties {
 public:
  // `version` is winlog.version when known (-1 otherwise): positions move between versions.
  EventProperties(const Event& event, EventLayout layout, int version) noexcept;

  // The property's text, trimmed; empty when the event does not carry it.
  std::string_view text(EventProperty property) const noexcept;
  // Decimal or 0x-hex text, or a JSON number.
  bool number(EventProperty property, std::uint64_t& out) const noexcept;
  // RFC 3339 (any digits, U+200E marks of the rendered message ignored) or PowerShell 5.1's
  // `/Date(ms)/`.
  bool time(EventProperty property, SysNanos& out) const noexcept;

 private:
  std::string_view named(std::string_view name) const noexcept;
  std::string_view positional(EventProperty property) const noexcept;
  std::string_view labelled(EventProperty property) const noexcept;

  const Event& event_;
  EventLayout layout_;
  int version_;
  bool has_event_data_ = false;  // false: only the rendered message speaks (CSV)
};

}  // namespace horolog::winevent
