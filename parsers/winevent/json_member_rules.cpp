// One table for every dialect: PowerShell names System fields after EventLogRecord's properties,
// NXLog, OTRF and Sentinel after the event XML, Sentinel's Event table after its own columns.
#include "parsers/winevent/json_member_rules.h"

namespace horolog::winevent {
namespace {

constexpr JsonMemberRule kRules[] = {
    {"Id", JsonTarget::event_id, true},
    {"EventID", JsonTarget::event_id, false},
    {"RecordId", JsonTarget::record_id, true},
    {"RecordNumber", JsonTarget::record_id, false},
    {"EventRecordID", JsonTarget::record_id, false},
    {"ProviderName", JsonTarget::provider_name, true},
    {"SourceName", JsonTarget::provider_name, false},
    {"EventSourceName", JsonTarget::provider_name, false},
    {"Source", JsonTarget::provider_name, false},  // Sentinel's Event table
    {"ProviderId", JsonTarget::provider_guid, true},
    {"ProviderGuid", JsonTarget::provider_guid, false},
    {"LogName", JsonTarget::channel, true},
    {"Channel", JsonTarget::channel, false},
    {"EventLog", JsonTarget::channel, false},
    {"MachineName", JsonTarget::computer, true},
    {"Hostname", JsonTarget::computer, false},
    {"Computer", JsonTarget::computer, false},
    {"ProcessId", JsonTarget::pid, true},
    {"ExecutionProcessID", JsonTarget::pid, false},
    {"ThreadId", JsonTarget::tid, true},
    {"ThreadID", JsonTarget::tid, false},
    {"UserId", JsonTarget::user, true},
    {"UserID", JsonTarget::user, false},
    {"Keywords", JsonTarget::keywords, false},
    {"Version", JsonTarget::version, false},
    {"Level", JsonTarget::level, false},
    {"Task", JsonTarget::task, false},
    {"Opcode", JsonTarget::opcode, true},
    {"OpcodeValue", JsonTarget::opcode, false},
    {"Message", JsonTarget::message, false},
    {"RenderedDescription", JsonTarget::message, false},
    {"ActivityId", JsonTarget::activity_id, true},
    {"ActivityID", JsonTarget::activity_id, false},
    {"RelatedActivityId", JsonTarget::related_activity_id, true},
    {"RelatedActivityID", JsonTarget::related_activity_id, false},
    {"Properties", JsonTarget::properties, true},
    {"LevelDisplayName", JsonTarget::rendering, true, "winlog.rendering_info.Level"},
    {"TaskDisplayName", JsonTarget::rendering, true, "winlog.rendering_info.Task"},
    {"OpcodeDisplayName", JsonTarget::rendering, true, "winlog.rendering_info.Opcode"},
    {"KeywordsDisplayNames", JsonTarget::rendering, true, "winlog.rendering_info.Keywords"},
    {"Qualifiers", JsonTarget::dropped, true},
    {"ContainerLog", JsonTarget::dropped, true},
    {"MatchedQueryIds", JsonTarget::dropped, true},
    {"Bookmark", JsonTarget::dropped, true},
    {"TimeCreated", JsonTarget::time_created, false},
    {"UtcTime", JsonTarget::utc_time, false},
    {"EventTime", JsonTarget::event_time, false},
    {"EventReceivedTime", JsonTarget::event_received_time, false},
    {"TimeGenerated", JsonTarget::time_generated, false},
    {"@timestamp", JsonTarget::timestamp, false},
};

bool has_key(std::string_view record, std::string_view key) noexcept {
  for (std::size_t at = record.find(key); at != std::string_view::npos;
       at = record.find(key, at + 1)) {
    const std::size_t after = at + key.size();
    if (at > 0 && record[at - 1] == '"' && after + 1 < record.size() && record[after] == '"' &&
        record[after + 1] == ':') {
      return true;
    }
  }
  return false;
}

}  // namespace

const JsonMemberRule* find_json_member_rule(std::string_view key, JsonDialect dialect) noexcept {
  for (const JsonMemberRule& rule : kRules) {
    if (rule.key == key) {
      return rule.powershell_only && dialect != JsonDialect::powershell ? nullptr : &rule;
    }
  }
  return nullptr;
}

JsonDialect detect_json_dialect(std::string_view record) noexcept {
  if (has_key(record, "winlog")) return JsonDialect::winlogbeat;
  if (has_key(record, "ProviderName")) return JsonDialect::powershell;
  if (has_key(record, "TimeGenerated")) return JsonDialect::sentinel;
  if (has_key(record, "EventTime") || has_key(record, "SourceModuleType")) {
    return JsonDialect::nxlog;
  }
  return JsonDialect::otrf;
}

}  // namespace horolog::winevent
