// What the members of a Windows JSON export mean, per dialect: the System fields (under each
// dialect's own name) and the time members. A member no rule names is event data.
#pragma once

#include <cstdint>
#include <string_view>

#include "parsers/winevent/json_event_time.h"

namespace horolog::winevent {

enum class JsonTarget : std::uint8_t {
  event_id,
  record_id,
  provider_name,
  provider_guid,
  channel,
  computer,
  pid,
  tid,
  user,
  keywords,
  version,
  level,
  task,
  opcode,
  message,
  activity_id,
  related_activity_id,
  properties,
  rendering,
  time_created,
  utc_time,
  event_time,
  event_received_time,
  time_generated,
  timestamp,
  dropped,
};

struct JsonMemberRule {
  std::string_view key;
  JsonTarget target;
  bool powershell_only;        // elsewhere the member is event data
  std::string_view name = {};  // output key for rendering info
};

// The rule for a top-level member, or nullptr when it is event data in `dialect`.
const JsonMemberRule* find_json_member_rule(std::string_view key, JsonDialect dialect) noexcept;

// The dialect a record's member names reveal (Winlogbeat's `winlog` object, PowerShell's
// ProviderName, Sentinel's TimeGenerated, NXLog's EventTime; OTRF otherwise). Looks for
// `"name":` in the raw text: inside a JSON string a quote is escaped, so only keys match.
JsonDialect detect_json_dialect(std::string_view record) noexcept;

}  // namespace horolog::winevent
