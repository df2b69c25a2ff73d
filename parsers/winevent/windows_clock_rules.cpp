// The rule table names each (provider, event id) and how it is read; the judgements live in
// time_command_match.cpp, w32time_registry.cpp and the step rule below. Reading goes through
// EventProperties, so a rule never knows which export shape it is looking at.
#include "parsers/winevent/windows_clock_rules.h"

#include <cstdint>
#include <cstring>
#include <limits>
#include <string_view>

#include "normalizer/rfc3339_format.h"
#include "parsers/winevent/ascii_text.h"
#include "parsers/winevent/clock_verdict.h"
#include "parsers/winevent/event_properties.h"
#include "parsers/winevent/time_command_match.h"
#include "parsers/winevent/w32time_registry.h"

namespace horolog::winevent {
namespace {

using P = EventProperty;

enum class Provider : std::uint8_t { security, kernel_general, time_service, sysmon };

enum class Handling : std::uint8_t {
  clock_step,      // 4616, Kernel-General 1: previous and new readings
  time_service,    // Time-Service status: the action comes from the row
  registry_write,  // 4657, Sysmon 12/13/14
  command,         // 4688, Sysmon 1
};

struct Rule {
  Provider provider;
  std::uint64_t event_id;
  EventLayout layout;
  Handling handling;
  std::string_view action = {};  // for time_service rows
};

// Time-Service ids and their documented meaning (System channel):
//   35  now synchronizing the system time with the time source <source>
//   37  NtpClient is currently receiving valid time data from <source>
//   36  not able to synchronize for <n> seconds; the system clock is unsynchronized
//   142 stopped advertising as a time source: the local clock is not synchronized
//   24  no valid response from domain controller <peer> after 8 attempts; peer discarded
//   29  none of the configured time sources is accessible; no source of accurate time
//   47  no valid response from manually configured peer <peer> after 8 attempts; discarded
//   129 unable to set a domain peer as time source (discovery or trust failure)
//   134 unable to set a manual peer as time source (DNS resolution error)
// A virtual machine's guest tools keep its clock to the host's (after a suspend or a snapshot
// restored, by a step): the time service of the guest, as far as the timeline is concerned.
// Hyper-V's time sync runs in svchost.exe as LOCAL SERVICE, like W32Time.
constexpr std::string_view kGuestTimeSync[] = {
    "vmtoolsd.exe",           // VMware Tools
    "VBoxService.exe",        // VirtualBox Guest Additions
    "qemu-ga.exe",            // QEMU guest agent
    "prl_tools_service.exe",  // Parallels Tools
};

bool is_guest_time_sync(std::string_view executable) noexcept {
  for (const std::string_view name : kGuestTimeSync) {
    if (iequals(executable, name)) return true;
  }
  return false;
}

constexpr Rule kRules[] = {
    {Provider::security, 4616, EventLayout::security_4616, Handling::clock_step},
    {Provider::kernel_general, 1, EventLayout::kernel_general_1, Handling::clock_step},
    {Provider::security, 4657, EventLayout::security_4657, Handling::registry_write},
    {Provider::sysmon, 12, EventLayout::sysmon_registry, Handling::registry_write},
    {Provider::sysmon, 13, EventLayout::sysmon_registry, Handling::registry_write},
    {Provider::sysmon, 14, EventLayout::sysmon_registry, Handling::registry_write},
    {Provider::security, 4688, EventLayout::security_4688, Handling::command},
    {Provider::sysmon, 1, EventLayout::sysmon_1, Handling::command},
    {Provider::time_service, 35, EventLayout::time_service_source, Handling::time_service,
     "sync_gained"},
    {Provider::time_service, 37, EventLayout::time_service_source, Handling::time_service,
     "sync_gained"},
    {Provider::time_service, 36, EventLayout::other, Handling::time_service, "unsynchronized"},
    {Provider::time_service, 142, EventLayout::other, Handling::time_service, "unsynchronized"},
    {Provider::time_service, 24, EventLayout::other, Handling::time_service, "sync_lost"},
    {Provider::time_service, 29, EventLayout::other, Handling::time_service, "sync_lost"},
    {Provider::time_service, 47, EventLayout::other, Handling::time_service, "sync_lost"},
    {Provider::time_service, 129, EventLayout::other, Handling::time_service, "sync_lost"},
    {Provider::time_service, 134, EventLayout::other, Handling::time_service, "sync_lost"},
};

// Winlogbeat and the XML name providers in full; Event Viewer's CSV may drop the
// "Microsoft-Windows-" prefix; Security is also "Microsoft Windows security auditing.", and the
// time service "W32Time" on older systems.
bool provider_is(std::string_view name, Provider provider) noexcept {
  constexpr std::string_view kPrefix = "Microsoft-Windows-";
  if (name.size() > kPrefix.size() && iequals(name.substr(0, kPrefix.size()), kPrefix)) {
    name.remove_prefix(kPrefix.size());
  }
  switch (provider) {
    case Provider::security:
      return iequals(name, "Security-Auditing") ||
             iequals(name, "Microsoft Windows security auditing.");
    case Provider::kernel_general: return iequals(name, "Kernel-General");
    case Provider::time_service: return iequals(name, "Time-Service") || iequals(name, "W32Time");
    case Provider::sysmon: return iequals(name, "Sysmon");
  }
  return false;
}

bool field_number(const FieldValue& value, std::uint64_t& out) noexcept {
  switch (value.kind) {
    case FieldValue::Kind::uint64: out = value.u64; return true;
    case FieldValue::Kind::int64:
      out = static_cast<std::uint64_t>(value.i64);
      return value.i64 >= 0;
    default: return false;
  }
}

// The event id the mapper wrote (System comes before EventData, so the scan stops early).
bool find_event_id(const Event& event, std::uint64_t& out) noexcept {
  for (const Field& field : event.fields) {
    if (field.key == "winlog.event_id") return field_number(field.value, out);
  }
  return false;
}

bool some_rule_has_id(std::uint64_t id) noexcept {
  for (const Rule& rule : kRules) {
    if (rule.event_id == id) return true;
  }
  return false;
}

// Provider and version, looked for only once the id is one of the rules'.
struct Identity {
  std::string_view provider;
  int version = -1;
};

Identity identify(const Event& event) noexcept {
  Identity out;
  for (const Field& field : event.fields) {
    if (field.key == "winlog.provider_name") {
      out.provider = field.value.text;
    } else if (field.key == "winlog.version") {
      if (std::uint64_t v = 0; field_number(field.value, v) && v < 0xffff) {
        out.version = static_cast<int>(v);
      }
    }
  }
  return out;
}

// Overwrites a field the mapper already wrote (Winlogbeat's own event.action), else adds it.
void set_field(Event& event, std::string_view key, FieldValue value) {
  for (Field& field : event.fields) {
    if (field.key == key) {
      field.value = value;
      return;
    }
  }
  event.add(key, value);
}

void add_text(Event& event, std::string_view key, std::string_view text) {
  if (!text.empty()) event.add(key, FieldValue::string(text));
}

std::string_view path_basename(std::string_view path) noexcept {
  const std::size_t slash = path.find_last_of("\\/");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view rfc3339(SysNanos time, StringArena& arena) {
  char buffer[kRfc3339MaxLength];
  return arena.copy({buffer, format_rfc3339_utc(time, 9, buffer)});
}

class RuleRun {
 public:
  RuleRun(Event& event, StringArena& arena, const Rule& rule, int version) noexcept
      : event_(event), arena_(arena), rule_(rule), properties_(event, rule.layout, version) {}

  void run() {
    switch (rule_.handling) {
      case Handling::clock_step: clock_step(); break;
      case Handling::time_service: time_service(); break;
      case Handling::registry_write: registry_write(); break;
      case Handling::command: command(); break;
    }
  }

 private:
  void tag(std::string_view category_json, const ClockVerdict& verdict) {
    set_field(event_, "event.kind", FieldValue::string(verdict.alert() ? "alert" : "event"));
    set_field(event_, "event.category",
              category_json.empty() ? FieldValue::string("time") : FieldValue::json(category_json));
    set_field(event_, "event.action", FieldValue::string(verdict.action));
    if (!verdict.alert()) return;
    event_.add("rule.name", FieldValue::string(verdict.rule));
    event_.add("threat.framework", FieldValue::string("MITRE ATT&CK"));
    event_.add("threat.technique.id", FieldValue::string(verdict.technique->id));
    event_.add("threat.technique.name", FieldValue::string(verdict.technique->name));
    event_.add("threat.tactic.id", FieldValue::string(verdict.technique->tactic_id));
    event_.add("threat.tactic.name", FieldValue::string(verdict.technique->tactic_name));
  }

  void add_subject() {
    add_text(event_, "user.name", properties_.text(P::subject_user_name));
    add_text(event_, "user.domain", properties_.text(P::subject_domain_name));
    add_text(event_, "user.id", properties_.text(P::subject_user_sid));
  }

  // Sysmon's User is `DOMAIN\name`.
  void add_sysmon_user() {
    const std::string_view user = properties_.text(P::user);
    const std::size_t slash = user.find('\\');
    if (slash == std::string_view::npos) {
      add_text(event_, "user.name", user);
      return;
    }
    add_text(event_, "user.name", user.substr(slash + 1));
    add_text(event_, "user.domain", user.substr(0, slash));
  }

  void add_process(P executable, P pid) {
    const std::string_view path = properties_.text(executable);
    add_text(event_, "process.executable", path);
    if (!path.empty()) event_.app = path_basename(path);
    if (std::uint64_t number = 0;
        properties_.number(pid, number) &&
        number <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      event_.pid = static_cast<std::int64_t>(number);
    }
  }

  // W32Time runs in svchost.exe as LOCAL SERVICE, and guest tools keep a VM's clock to its
  // host's; Kernel-General's reasons 2 (read from the hardware clock) and 3 (time zone) are the
  // system's own. A Kernel-General record that names no process (version 0) is unknown.
  enum class Writer : std::uint8_t { time_service, system, other, unknown };

  Writer writer() const noexcept {
    const std::string_view executable = path_basename(properties_.text(P::process_name));
    if (is_guest_time_sync(executable)) return Writer::time_service;
    const bool svchost = iequals(executable, "svchost.exe");
    if (rule_.layout == EventLayout::security_4616) {
      const bool local_service = properties_.text(P::subject_user_sid) == "S-1-5-19" ||
                                 iequals(properties_.text(P::subject_user_name), "LOCAL SERVICE");
      return svchost && local_service ? Writer::time_service : Writer::other;
    }
    if (std::uint64_t reason = 0; properties_.number(P::reason, reason) && reason != 1) {
      return Writer::system;
    }
    if (properties_.text(P::process_name).empty()) return Writer::unknown;
    return svchost ? Writer::time_service : Writer::other;
  }

  void clock_step() {
    SysNanos previous{};
    SysNanos next{};
    const bool readings =
        properties_.time(P::previous_time, previous) && properties_.time(P::new_time, next);
    const Writer by = writer();
    static constexpr ClockVerdict kStep{"clock_step", {}, nullptr};
    static constexpr ClockVerdict kByOther{
        "clock_step", "System time changed by a process other than the time service", &kTimestomp};
    static constexpr ClockVerdict kBackward{"clock_step", "Large backward clock step", &kTimestomp};
    const ClockVerdict* verdict = &kStep;
    if (by == Writer::other) {
      verdict = &kByOther;
    } else if (readings && next - previous < -kLargeBackwardStep) {
      verdict = &kBackward;
    }
    tag({}, *verdict);
    if (readings) {
      const Nanoseconds step = next - previous;
      event_.add("horolog.clock.step_s",
                 FieldValue::float64(std::chrono::duration<double>(step).count()));
      event_.add("horolog.clock.previous", FieldValue::string(rfc3339(previous, arena_)));
      event_.add("horolog.clock.new", FieldValue::string(rfc3339(next, arena_)));
      event_.clock_change.has_step = true;
      event_.clock_change.step = step;
      event_.clock_change.has_readings = true;
      event_.clock_change.previous = previous;
      event_.clock_change.next = next;
    }
    event_.clock_change.by = by == Writer::time_service || by == Writer::system
                                 ? ClockChange::By::time_service
                             : by == Writer::other ? ClockChange::By::other
                                                   : ClockChange::By::unknown;
    event_.add("horolog.clock.changed_by", FieldValue::string(to_string(event_.clock_change.by)));
    add_subject();
    add_process(P::process_name, P::process_id);
  }

  void time_service() {
    tag({}, ClockVerdict{rule_.action, {}, nullptr});
    add_text(event_, "horolog.clock.source", properties_.text(P::time_source));
    if (rule_.action == "sync_gained") {
      event_.clock_change.by = ClockChange::By::time_service;
      event_.clock_change.has_step = false;
    }
  }

  void registry_write() {
    const bool sysmon = rule_.layout == EventLayout::sysmon_registry;
    const std::string_view key = properties_.text(sysmon ? P::target_object : P::object_name);
    const std::string_view value_name =
        sysmon ? std::string_view{} : properties_.text(P::object_value_name);
    const std::string_view new_value = properties_.text(sysmon ? P::details : P::new_value);
    const ClockVerdict* verdict = judge_w32time_write(key, value_name, new_value);
    if (verdict == nullptr) return;
    tag(R"(["time","configuration"])", *verdict);
    if (sysmon) {
      add_text(event_, "registry.path", key);
      add_text(event_, "registry.value", path_basename(key));
      add_sysmon_user();
      add_process(P::image, P::process_id);
    } else {
      char* path = arena_.allocate(key.size() + 1 + value_name.size());
      std::memcpy(path, key.data(), key.size());
      path[key.size()] = '\\';
      std::memcpy(path + key.size() + 1, value_name.data(), value_name.size());
      add_text(event_, "registry.path", {path, key.size() + 1 + value_name.size()});
      add_text(event_, "registry.value", value_name);
      add_text(event_, "horolog.clock.config.old_value", properties_.text(P::old_value));
      add_subject();
      add_process(P::process_name, P::process_id);
    }
    add_text(event_, "horolog.clock.config.new_value", new_value);
  }

  void command() {
    const bool sysmon = rule_.layout == EventLayout::sysmon_1;
    const P executable = sysmon ? P::image : P::new_process_name;
    std::string_view line = properties_.text(P::command_line);
    const ClockVerdict* verdict = match_time_command(line);
    if (verdict == nullptr && line.empty())
      verdict = match_time_command(properties_.text(executable));
    if (verdict == nullptr) return;
    tag(R"(["time","process"])", *verdict);
    add_text(event_, "process.command_line", line);
    if (sysmon) {
      add_sysmon_user();
      add_process(executable, P::process_id);
    } else {
      add_subject();
      add_process(executable, P::new_process_id);
    }
  }

  Event& event_;
  StringArena& arena_;
  const Rule& rule_;
  EventProperties properties_;
};

}  // namespace

void apply_windows_clock_rules(Event& event, StringArena& arena) noexcept {
  if (event.has(EventFlag::parse_error)) return;
  std::uint64_t event_id = 0;
  if (!find_event_id(event, event_id) || !some_rule_has_id(event_id)) return;
  const Identity identity = identify(event);
  for (const Rule& rule : kRules) {
    if (rule.event_id != event_id || !provider_is(identity.provider, rule.provider)) continue;
    RuleRun(event, arena, rule, identity.version).run();
    return;
  }
}

}  // namespace horolog::winevent
