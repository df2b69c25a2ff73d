// Which member of a Windows JSON export holds an event's true time, per export dialect. The
// dialects disagree, and two of them carry a convincing but wrong time (see
// resolve_json_event_time): the choice is made here, in one place, and named on the event.
#pragma once

#include <cstdint>
#include <string_view>

#include "normalizer/event.h"
#include "parsers/parser.h"

namespace horolog::winevent {

enum class JsonDialect : std::uint8_t {
  powershell,  // Get-WinEvent | ConvertTo-Json, Windows PowerShell 5.1 or PowerShell 7
  winlogbeat,  // Winlogbeat 8.x ECS documents
  nxlog,       // NXLog im_msvistalog, usually through Logstash
  otrf,        // OTRF/Mordor security datasets: flat members, TimeCreated
  sentinel,    // Azure Sentinel / Log Analytics SecurityEvent rows
};

// The time members a record had (texts unescaped; empty when absent).
struct JsonTimeMembers {
  std::string_view time_created;         // PowerShell, OTRF
  std::string_view utc_time;             // Sysmon event data: UTC, `YYYY-MM-DD hh:mm:ss.fff`
  std::string_view timestamp;            // @timestamp: Winlogbeat, Logstash
  std::string_view event_time;           // NXLog: local time, no zone
  std::string_view event_received_time;  // NXLog: local time the agent read the event
  std::string_view time_generated;       // Sentinel
};

// OTRF's TimeCreated is a 12-hour local clock without AM/PM (even when written with a `Z`), so
// it is off from UTC by the zone offset, plus 12 hours in the afternoon. Records of Sysmon carry
// the true UtcTime beside it; the difference of the nearest such record, rounded to a quarter
// hour, corrects the records that have only TimeCreated.
class TimeCreatedCorrection {
 public:
  // From one record's pair; false (nothing learned) when either text is not a time.
  bool learn(std::string_view time_created, std::string_view utc_time) noexcept;
  bool known() const noexcept { return known_; }
  std::int64_t seconds() const noexcept { return seconds_; }
  // The whole input was searched for a pair: without one, such records have no usable time.
  void mark_searched() noexcept { searched_ = true; }
  bool searched() const noexcept { return searched_; }

 private:
  std::int64_t seconds_ = 0;
  bool known_ = false;
  bool searched_ = false;
};

enum class JsonTimeResult : std::uint8_t {
  resolved,          // event time set; `source` names the member
  needs_correction,  // OTRF record with only TimeCreated, no correction known, none searched
  missing,           // no usable member: the caller resolves the time as missing
};

// Fills event.timestamp from the trustworthy member and sets `source` to its name:
// - powershell: TimeCreated (`/Date(ms)/` is UTC; PowerShell 7 writes ISO with the offset).
// - winlogbeat: @timestamp (the event's own time, in ms). sentinel: TimeGenerated.
// - nxlog: Sysmon UtcTime; else EventTime, a local time whose offset is learned from
//   @timestamp - EventReceivedTime (Logstash stamps the receipt in UTC; both are read within
//   seconds); else EventTime in the input's zone (zone_assumed); else @timestamp.
// - otrf: Sysmon UtcTime; else TimeCreated + the learned correction. Never TimeCreated alone,
//   nor @timestamp, which OTRF copied from TimeCreated.
JsonTimeResult resolve_json_event_time(JsonDialect dialect, const JsonTimeMembers& members,
                                       const TimeCreatedCorrection& correction, ParseContext& ctx,
                                       Event& event, std::string_view& source) noexcept;

}  // namespace horolog::winevent
