// The clock rules on events built field by field (one export shape at a time), and on the real
// Hayabusa samples: who stepped the clock, which steps and writes are tampering, what is left
// alone.
#include "parsers/winevent/windows_clock_rules.h"

#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "parsers/format_registry.h"
#include "tests/support/test_paths.h"
#include "tests/winevent/winevent_test_support.h"

namespace horolog::winevent {
namespace {

using Data = std::vector<std::pair<std::string, std::string>>;

constexpr std::string_view kSecurity = "Microsoft-Windows-Security-Auditing";
constexpr std::string_view kKernelGeneral = "Microsoft-Windows-Kernel-General";
constexpr std::string_view kTimeService = "Microsoft-Windows-Time-Service";
constexpr std::string_view kSysmon = "Microsoft-Windows-Sysmon";

// Builds events as the mappers do: winlog.event_id, winlog.provider_name, event_data.<Name>.
class RuleHarness {
 public:
  Event& make(std::uint64_t id, std::string_view provider, const Data& data,
              std::string_view message = {}) {
    event_.reset();
    event_.add("winlog.event_id", FieldValue::uint64(id));
    event_.add("winlog.provider_name", FieldValue::string(keep(provider)));
    for (const auto& [name, value] : data) {
      event_.add(keep("winlog.event_data." + name), FieldValue::string(keep(value)));
    }
    event_.message = keep(message);
    return event_;
  }
  Event& apply() {
    apply_windows_clock_rules(event_, arena_);
    return event_;
  }
  std::string_view text(std::string_view key) const {
    const Field* field = find(key);
    return field == nullptr ? std::string_view{"<absent>"} : field->value.text;
  }
  const Field* find(std::string_view key) const {
    const Field* found = nullptr;
    for (const Field& field : event_.fields) {
      if (field.key == key) {
        EXPECT_EQ(found, nullptr) << "duplicate " << key;
        found = &field;
      }
    }
    return found;
  }
  double step_s() const {
    const Field* field = find("horolog.clock.step_s");
    return field == nullptr ? -1e300 : field->value.f64;
  }

 private:
  std::string_view keep(std::string text) { return texts_.emplace_back(std::move(text)); }
  std::string_view keep(std::string_view text) { return keep(std::string(text)); }

  std::deque<std::string> texts_;
  StringArena arena_;
  Event event_;
};

Data step_4616(std::string process, std::string sid, std::string user, std::string previous,
               std::string next) {
  return {{"SubjectUserSid", std::move(sid)},
          {"SubjectUserName", std::move(user)},
          {"SubjectDomainName", "CORP"},
          {"SubjectLogonId", "0x3e7"},
          {"PreviousTime", std::move(previous)},
          {"NewTime", std::move(next)},
          {"ProcessId", "0x40fc"},
          {"ProcessName", std::move(process)}};
}

TEST(WindowsClockRules, PowershellStepIsTamperingAlert) {
  RuleHarness h;
  h.make(4616, kSecurity,
         step_4616(R"(C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe)",
                   "S-1-5-21-1-2-3-1111", "admmig", "2021-11-24T15:47:00.3887639Z",
                   "2021-11-27T15:47:00.3690000Z"));
  const Event& e = h.apply();
  EXPECT_EQ(h.text("event.kind"), "alert");
  EXPECT_EQ(h.text("event.category"), "time");
  EXPECT_EQ(h.text("event.action"), "clock_step");
  EXPECT_EQ(h.text("rule.name"), "System time changed by a process other than the time service");
  EXPECT_EQ(h.text("threat.technique.id"), "T1070.006");
  EXPECT_EQ(h.text("threat.tactic.name"), "Defense Evasion");
  EXPECT_NEAR(h.step_s(), 259199.9802361, 1e-7);
  EXPECT_EQ(h.text("horolog.clock.previous"), "2021-11-24T15:47:00.388763900Z");
  EXPECT_EQ(h.text("horolog.clock.new"), "2021-11-27T15:47:00.369000000Z");
  EXPECT_EQ(h.text("user.name"), "admmig");
  EXPECT_EQ(h.text("user.domain"), "CORP");
  EXPECT_EQ(h.text("user.id"), "S-1-5-21-1-2-3-1111");
  EXPECT_EQ(h.text("process.executable"),
            R"(C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe)");
  EXPECT_EQ(e.app, "powershell.exe");
  EXPECT_EQ(e.pid, 0x40fc);
  EXPECT_EQ(e.clock_change.by, ClockChange::By::other);
  EXPECT_TRUE(e.clock_change.has_step);
  EXPECT_TRUE(e.clock_change.has_readings);
  EXPECT_EQ(e.clock_change.next - e.clock_change.previous, e.clock_change.step);
}

TEST(WindowsClockRules, TimeServiceStepIsPlainEvent) {
  RuleHarness h;
  h.make(4616, kSecurity,
         step_4616(R"(C:\Windows\System32\svchost.exe)", "S-1-5-19", "LOCAL SERVICE",
                   "2026-11-27T00:00:01.181988700Z", "2026-11-27T00:00:03.172237300Z"));
  const Event& e = h.apply();
  EXPECT_EQ(h.text("event.kind"), "event");
  EXPECT_EQ(h.find("rule.name"), nullptr);
  EXPECT_EQ(h.find("threat.technique.id"), nullptr);
  EXPECT_NEAR(h.step_s(), 1.9902486, 1e-9);
  EXPECT_EQ(e.clock_change.by, ClockChange::By::time_service);
}

TEST(WindowsClockRules, SvchostUnderAnotherAccountIsNotTheTimeService) {
  RuleHarness h;
  h.make(4616, kSecurity,
         step_4616(R"(C:\Windows\System32\svchost.exe)", "S-1-5-21-1-2-3-1111", "mallory",
                   "2026-11-27T00:00:01Z", "2026-11-27T00:00:02Z"));
  EXPECT_EQ(h.apply().clock_change.by, ClockChange::By::other);
  EXPECT_EQ(h.text("event.kind"), "alert");
}

TEST(WindowsClockRules, GuestToolsStepIsTheTimeServiceWhateverTheAccount) {
  RuleHarness h;
  h.make(4616, kSecurity,
         step_4616(R"(C:\Program Files\VMware\VMware Tools\vmtoolsd.exe)", "S-1-5-18", "SYSTEM",
                   "2016-07-08T18:16:31Z", "2016-07-08T22:16:31Z"));
  EXPECT_EQ(h.apply().clock_change.by, ClockChange::By::time_service);
  EXPECT_EQ(h.text("event.kind"), "event");
  EXPECT_EQ(h.text("horolog.clock.changed_by"), "time_service");
}

// A daylight-saving hour back is the usual benign big step; beyond an hour is an alert.
TEST(WindowsClockRules, BackwardStepBeyondAnHourIsAlertEvenByTheTimeService) {
  RuleHarness h;
  h.make(4616, kSecurity,
         step_4616(R"(C:\Windows\System32\svchost.exe)", "S-1-5-19", "LOCAL SERVICE",
                   "2021-11-27T15:47:00.4653855Z", "2021-11-24T15:43:16.6570000Z"));
  h.apply();
  EXPECT_EQ(h.text("event.kind"), "alert");
  EXPECT_EQ(h.text("rule.name"), "Large backward clock step");

  h.make(4616, kSecurity,
         step_4616(R"(C:\Windows\System32\svchost.exe)", "S-1-5-19", "LOCAL SERVICE",
                   "2026-10-25T00:30:03.099316900Z", "2026-10-24T23:30:03.689685900Z"));
  h.apply();
  EXPECT_NEAR(h.step_s(), -3599.409631, 1e-9);
  EXPECT_EQ(h.text("event.kind"), "event");
}

struct KernelGeneralCase {
  const char* name;
  std::string reason;
  std::string process;
  ClockChange::By by;
  bool alert;
};

class KernelGeneralWriter : public testing::TestWithParam<KernelGeneralCase> {};

TEST_P(KernelGeneralWriter, DecidesWhoStepped) {
  const KernelGeneralCase& c = GetParam();
  RuleHarness h;
  Data data = {{"NewTime", "2026-11-01T06:30:04.106480800Z"},
               {"OldTime", "2026-11-01T06:30:02.785223200Z"},
               {"Reason", c.reason}};
  if (!c.process.empty()) data.emplace_back("ProcessName", c.process);
  data.emplace_back("ProcessID", "1188");
  h.make(1, kKernelGeneral, data);
  const Event& e = h.apply();
  EXPECT_EQ(h.text("event.action"), "clock_step");
  EXPECT_NEAR(h.step_s(), 1.3212576, 1e-9);
  EXPECT_EQ(e.clock_change.by, c.by);
  EXPECT_EQ(h.text("event.kind"), c.alert ? "alert" : "event");
  if (!c.process.empty()) {
    EXPECT_EQ(e.pid, 1188);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Reasons, KernelGeneralWriter,
    testing::Values(
        KernelGeneralCase{"svchost", "1", R"(\Device\HarddiskVolume3\Windows\System32\svchost.exe)",
                          ClockChange::By::time_service, false},
        // Guest tools keep a VM's clock to its host's: the guest's time service.
        KernelGeneralCase{"vmtools", "1",
                          R"(\Device\HarddiskVolume4\Program Files\VMware\vmtoolsd.exe)",
                          ClockChange::By::time_service, false},
        KernelGeneralCase{"powershell", "1",
                          R"(\Device\HarddiskVolume3\Windows\System32\WindowsPowerShell\v1.0\)"
                          R"(powershell.exe)",
                          ClockChange::By::other, true},
        KernelGeneralCase{"hardware_clock", "2", "", ClockChange::By::time_service, false},
        // No process named (older systems): unknown, so no alert; 4616 says who.
        KernelGeneralCase{"application_unnamed", "1", "", ClockChange::By::unknown, false}),
    [](const testing::TestParamInfo<KernelGeneralCase>& info) { return info.param.name; });

struct TimeServiceCase {
  std::uint64_t id;
  std::string_view action;
};

class TimeServiceStatus : public testing::TestWithParam<TimeServiceCase> {};

TEST_P(TimeServiceStatus, NamesTheAction) {
  RuleHarness h;
  h.make(GetParam().id, kTimeService, {{"ErrorCode", "0x800706E1"}});
  const Event& e = h.apply();
  EXPECT_EQ(h.text("event.action"), GetParam().action);
  EXPECT_EQ(h.text("event.category"), "time");
  EXPECT_EQ(h.text("event.kind"), "event");
  EXPECT_EQ(e.clock_change.present(), GetParam().action == "sync_gained");
}

INSTANTIATE_TEST_SUITE_P(
    Ids, TimeServiceStatus,
    testing::Values(TimeServiceCase{35, "sync_gained"}, TimeServiceCase{37, "sync_gained"},
                    TimeServiceCase{36, "unsynchronized"}, TimeServiceCase{142, "unsynchronized"},
                    TimeServiceCase{24, "sync_lost"}, TimeServiceCase{29, "sync_lost"},
                    TimeServiceCase{47, "sync_lost"}, TimeServiceCase{129, "sync_lost"},
                    TimeServiceCase{134, "sync_lost"}));

TEST(WindowsClockRules, SyncGainedNamesItsSourceAndIsATimeServiceChange) {
  RuleHarness h;
  h.make(35, kTimeService, {{"TimeSource", "time.windows.com,0x8 (ntp.m|0x8|0.0.0.0:123)"}});
  const Event& e = h.apply();
  EXPECT_EQ(h.text("horolog.clock.source"), "time.windows.com,0x8 (ntp.m|0x8|0.0.0.0:123)");
  EXPECT_EQ(e.clock_change.by, ClockChange::By::time_service);
  EXPECT_FALSE(e.clock_change.has_step);
}

struct RegistryCase {
  const char* name;
  bool sysmon;
  std::string key;    // ObjectName, or Sysmon's TargetObject
  std::string value;  // ObjectValueName (4657 only)
  std::string new_value;
  std::string_view rule;  // empty: recorded, no alert
  std::string_view technique;
};

class W32TimeRegistryWrite : public testing::TestWithParam<RegistryCase> {};

TEST_P(W32TimeRegistryWrite, IsConfigChangeAndAlertsOnTampering) {
  const RegistryCase& c = GetParam();
  RuleHarness h;
  if (c.sysmon) {
    h.make(13, kSysmon,
           {{"EventType", "SetValue"},
            {"Image", R"(C:\Windows\regedit.exe)"},
            {"TargetObject", c.key},
            {"Details", c.new_value},
            {"User", R"(CORP\bob)"}});
  } else {
    h.make(4657, kSecurity,
           {{"SubjectUserName", "bob"},
            {"ObjectName", c.key},
            {"ObjectValueName", c.value},
            {"OldValue", "NT5DS"},
            {"NewValue", c.new_value},
            {"ProcessId", "0x1a2c"},
            {"ProcessName", R"(C:\Windows\System32\reg.exe)"}});
  }
  const Event& e = h.apply();
  EXPECT_EQ(h.text("event.action"), "time_service_config_changed");
  EXPECT_EQ(h.text("event.category"), R"(["time","configuration"])");
  EXPECT_EQ(h.text("horolog.clock.config.new_value"), c.new_value);
  EXPECT_EQ(h.text("user.name"), "bob");
  EXPECT_EQ(e.app, c.sysmon ? "regedit.exe" : "reg.exe");
  if (c.rule.empty()) {
    EXPECT_EQ(h.text("event.kind"), "event");
    EXPECT_EQ(h.find("rule.name"), nullptr);
  } else {
    EXPECT_EQ(h.text("event.kind"), "alert");
    EXPECT_EQ(h.text("rule.name"), c.rule);
    EXPECT_EQ(h.text("threat.technique.id"), c.technique);
  }
}

constexpr std::string_view kParameters =
    R"(\REGISTRY\MACHINE\SYSTEM\ControlSet001\Services\W32Time\Parameters)";
constexpr std::string_view kSysmonRoot = R"(HKLM\System\CurrentControlSet\Services\W32Time)";

INSTANTIATE_TEST_SUITE_P(
    Values, W32TimeRegistryWrite,
    testing::Values(
        RegistryCase{"type_ntp", false, std::string(kParameters), "Type", "NTP", {}, {}},
        RegistryCase{
            "type_allsync_any_case", false, std::string(kParameters), "type", "allsync", {}, {}},
        RegistryCase{"type_nosync", false, std::string(kParameters), "Type", "NoSync",
                     "Time service synchronization turned off", "T1070.006"},
        RegistryCase{
            "ntp_server", false, std::string(kParameters), "NtpServer", "192.0.2.1,0x8", {}, {}},
        RegistryCase{"failure_command", false,
                     R"(\REGISTRY\MACHINE\SYSTEM\ControlSet001\Services\W32Time)", "FailureCommand",
                     R"(C:\tmp\x.exe)", "Time service failure command set", "T1543.003"},
        RegistryCase{"sysmon_start_disabled",
                     true,
                     std::string(kSysmonRoot) + R"(\Start)",
                     {},
                     "DWORD (0x00000004)",
                     "Time service or NTP client disabled",
                     "T1070.006"},
        RegistryCase{"sysmon_start_automatic",
                     true,
                     std::string(kSysmonRoot) + R"(\Start)",
                     {},
                     "DWORD (0x00000002)",
                     {},
                     {}},
        RegistryCase{"sysmon_ntp_client_off",
                     true,
                     std::string(kSysmonRoot) + R"(\TimeProviders\NtpClient\Enabled)",
                     {},
                     "DWORD (0x00000000)",
                     "Time service or NTP client disabled",
                     "T1070.006"},
        RegistryCase{"sysmon_max_neg_phase",
                     true,
                     std::string(kSysmonRoot) + R"(\Config\MaxNegPhaseCorrection)",
                     {},
                     "DWORD (0xffffffff)",
                     {},
                     {}}),
    [](const testing::TestParamInfo<RegistryCase>& info) { return info.param.name; });

TEST(WindowsClockRules, OtherRegistryWritesAreLeftAlone) {
  RuleHarness h;
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {R"(\REGISTRY\MACHINE\SYSTEM\ControlSet001\Services\W32TimeX\Parameters)", "Type"},
           {std::string(kParameters), "ServiceDll"},
           {R"(\REGISTRY\MACHINE\SOFTWARE\Vendor)", "Type"}}) {
    h.make(4657, kSecurity, {{"ObjectName", key}, {"ObjectValueName", value}, {"NewValue", "0"}});
    const Event& e = h.apply();
    EXPECT_EQ(h.find("event.action"), nullptr) << key << "\\" << value;
    EXPECT_EQ(e.fields.size(), 5u);
  }
}

struct CommandCase {
  const char* name;
  std::string command_line;
  std::string_view rule;  // empty: time_command without alert
};

class TimeCommand : public testing::TestWithParam<CommandCase> {};

TEST_P(TimeCommand, IsRecognisedFromTheCommandLine) {
  const CommandCase& c = GetParam();
  RuleHarness h;
  h.make(4688, kSecurity,
         {{"SubjectUserName", "alice"},
          {"NewProcessId", "0x3ab4"},
          {"NewProcessName", R"(C:\Windows\System32\cmd.exe)"},
          {"CommandLine", c.command_line}});
  const Event& e = h.apply();
  EXPECT_EQ(h.text("event.action"), "time_command");
  EXPECT_EQ(h.text("event.category"), R"(["time","process"])");
  EXPECT_EQ(h.text("process.command_line"), c.command_line);
  EXPECT_EQ(e.pid, 0x3ab4);
  EXPECT_EQ(h.text("event.kind"), c.rule.empty() ? "event" : "alert");
  if (!c.rule.empty()) {
    EXPECT_EQ(h.text("rule.name"), c.rule);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Accepted, TimeCommand,
    testing::Values(
        CommandCase{"set_date", R"cmd(powershell.exe -c "Set-Date -Date (Get-Date).AddDays(3)")cmd",
                    "Clock set from the command line"},
        CommandCase{"cmd_date", R"(C:\Windows\system32\cmd.exe /c date 11-27-2021)",
                    "Clock set from the command line"},
        CommandCase{"cmd_time_upper", "CMD.EXE /C TIME 12:00", "Clock set from the command line"},
        CommandCase{"timedatectl", "timedatectl set-time '2021-11-27 15:47'",
                    "Clock set from the command line"},
        CommandCase{"date_s", "date -s '2021-11-27 15:47'", "Clock set from the command line"},
        CommandCase{"hwclock", "hwclock --set --date='2021-11-27'",
                    "Clock set from the command line"},
        CommandCase{"sc_stop", "sc stop w32time", "Time service stopped or disabled"},
        CommandCase{"net_stop", "net stop W32Time", "Time service stopped or disabled"},
        CommandCase{"sc_disable", "sc.exe config w32time start= disabled",
                    "Time service stopped or disabled"},
        CommandCase{"sc_failure", R"(sc  failure W32Time command= "\"c:\x.exe\"")",
                    "Time service failure command set"},
        CommandCase{"reg_failure",
                    R"(REG ADD "HKLM\SYSTEM\CurrentControlSet\Services\W32Time" /v FailureCommand)",
                    "Time service failure command set"},
        CommandCase{
            "w32tm_config", R"(w32tm /config /manualpeerlist:"time.windows.com" /update)", {}},
        CommandCase{"sc_config_auto", "sc config w32time start= auto", {}},
        CommandCase{
            "reg_add_ntpserver",
            R"(reg add HKLM\SYSTEM\CurrentControlSet\Services\W32Time\Parameters /v NtpServer)",
            {}}),
    [](const testing::TestParamInfo<CommandCase>& info) { return info.param.name; });

class NotATimeCommand : public testing::TestWithParam<std::string> {};

TEST_P(NotATimeCommand, IsLeftAlone) {
  RuleHarness h;
  h.make(4688, kSecurity, {{"CommandLine", GetParam()}});
  const Event& e = h.apply();
  EXPECT_EQ(h.find("event.action"), nullptr);
  EXPECT_EQ(e.fields.size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Rejected, NotATimeCommand,
                         testing::Values("wuauclt.exe /update", "cmd /c echo %date% > log.txt",
                                         "cmd /c timeout 5", "w32tm /query /status",
                                         "w32tm /resync /force", "sc query w32time",
                                         "net start w32time", "git update-index --refresh",
                                         "powershell Get-Date"));

TEST(WindowsClockRules, SysmonProcessCreateIsReadToo) {
  RuleHarness h;
  h.make(1, kSysmon,
         {{"ProcessId", "4242"},
          {"Image", "/usr/bin/date"},
          {"CommandLine", "date -s 2021-11-27"},
          {"User", "root"}});
  const Event& e = h.apply();
  EXPECT_EQ(h.text("event.action"), "time_command");
  EXPECT_EQ(h.text("event.kind"), "alert");
  EXPECT_EQ(h.text("user.name"), "root");
  EXPECT_EQ(e.app, "date");
  EXPECT_EQ(e.pid, 4242);
}

TEST(WindowsClockRules, OtherEventsAndProvidersGetNothing) {
  RuleHarness h;
  for (const auto& [id, provider] : std::vector<std::pair<std::uint64_t, std::string_view>>{
           {4624, kSecurity}, {1, kSecurity}, {4616, kSysmon}, {35, kKernelGeneral}}) {
    h.make(id, provider, {{"PreviousTime", "2026-01-01T00:00:00Z"}});
    const Event& e = h.apply();
    EXPECT_EQ(e.fields.size(), 3u) << id << " " << provider;
    EXPECT_FALSE(e.clock_change.present());
  }
}

// Winlogbeat brings its own event.action ("Security State Change"): it is replaced, not doubled.
TEST(WindowsClockRules, ReplacesAnEventActionTheExportBrought) {
  RuleHarness h;
  h.make(4616, kSecurity,
         step_4616(R"(C:\Windows\System32\svchost.exe)", "S-1-5-19", "LOCAL SERVICE",
                   "2026-11-27T00:00:01Z", "2026-11-27T00:00:02Z"));
  h.apply();
  // find() fails the test on a duplicate key.
  EXPECT_EQ(h.text("event.action"), "clock_step");
}

// PowerShell's Properties: positions, numbers as JSON tokens, 5.1's /Date(ms)/.
TEST(WindowsClockRules, PowershellPositionalPropertiesGiveTheSameStep) {
  RuleHarness h;
  h.make(4616, kSecurity,
         {{"param1", "S-1-5-19"},
          {"param2", "LOCAL SERVICE"},
          {"param3", "NT AUTHORITY"},
          {"param4", "997"},
          {"param5", "/Date(1792888203099)/"},
          {"param6", "/Date(1792884603689)/"},
          {"param7", "1192"},
          {"param8", R"(C:\Windows\System32\svchost.exe)"}});
  const Event& e = h.apply();
  EXPECT_EQ(h.text("horolog.clock.previous"), "2026-10-25T00:30:03.099000000Z");
  EXPECT_EQ(h.text("horolog.clock.new"), "2026-10-24T23:30:03.689000000Z");
  EXPECT_NEAR(h.step_s(), -3599.41, 1e-9);
  EXPECT_EQ(h.text("user.id"), "S-1-5-19");
  EXPECT_EQ(e.pid, 0x4a8);
  EXPECT_EQ(e.clock_change.by, ClockChange::By::time_service);
}

// Event Viewer CSV: only the rendered message, with U+200E marks around the date parts.
TEST(WindowsClockRules, RenderedMessageGivesTheSameStep) {
  RuleHarness h;
  h.make(4616, kSecurity, {},
         "The system time was changed.\r\n\r\nSubject:\r\n\tSecurity ID:\t\tS-1-5-19\r\n"
         "\tAccount Name:\t\tLOCAL SERVICE\r\n\tAccount Domain:\t\tNT AUTHORITY\r\n"
         "\tLogon ID:\t\t0x3e5\r\n\r\nProcess Information:\r\n\tProcess ID:\t0x4a8\r\n"
         "\tName:\t\tC:\\Windows\\System32\\svchost.exe\r\n\r\n"
         "Previous Time:\t\t\u200e2026\u200e-\u200e11\u200e-\u200e27T00:00:01.181988700Z\r\n"
         "New Time:\t\t\u200e2026\u200e-\u200e11\u200e-\u200e27T00:00:03.172237300Z\r\n");
  const Event& e = h.apply();
  EXPECT_EQ(h.text("horolog.clock.previous"), "2026-11-27T00:00:01.181988700Z");
  EXPECT_NEAR(h.step_s(), 1.9902486, 1e-9);
  EXPECT_EQ(h.text("user.name"), "LOCAL SERVICE");
  EXPECT_EQ(h.text("process.executable"), R"(C:\Windows\System32\svchost.exe)");
  EXPECT_EQ(e.pid, 0x4a8);
  EXPECT_EQ(h.text("event.kind"), "event");
}

std::vector<test::OwnedEvent> read_evtx(const std::filesystem::path& path, std::string& bytes,
                                        StringArena& arena) {
  bytes = test::read_file(path);
  auto reader = find_format("evtx")->make_reader(bytes, 0, ParserOptions{});
  return test::read_all(*reader, arena);
}

TEST(WindowsClockRules, HayabusaSampleAlertsOnEveryStepButTheServiceSmallOnes) {
  HOROLOG_SHARED_SAMPLE(path, "evtx/hayabusa_T1070.006_ID4616-system_time_changed.evtx");
  StringArena arena;
  std::string bytes;
  std::vector<std::pair<std::string, std::string>> got;  // (process, kind)
  for (const auto& e : read_evtx(path, bytes, arena)) {
    if (e.number("winlog.event_id") != 4616u) continue;
    EXPECT_EQ(e.text("event.action"), "clock_step");
    got.emplace_back(std::string(e.event.app), e.text("event.kind").value_or(""));
  }
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"powershell.exe", "alert"}, {"powershell.exe", "alert"},  // 3 days ahead
      {"svchost.exe", "alert"},                                  // 3 days back
      {"svchost.exe", "event"},    {"svchost.exe", "event"},    {"svchost.exe", "event"},
      {"dllhost.exe", "alert"},    {"dllhost.exe", "alert"}};
  EXPECT_EQ(got, expected);
}

TEST(WindowsClockRules, HayabusaFailureCommandSampleIsServiceAbuse) {
  HOROLOG_SHARED_SAMPLE(
      path, "evtx/hayabusa_T1543.003_ID4688-W32Time_service_abuse_failure_command.evtx");
  StringArena arena;
  std::string bytes;
  int alerts = 0;
  for (const auto& e : read_evtx(path, bytes, arena)) {
    if (e.text("event.action") != "time_command") continue;
    EXPECT_EQ(e.text("event.kind"), "alert");
    EXPECT_EQ(e.text("threat.technique.id"), "T1543.003");
    EXPECT_EQ(e.text("rule.name"), "Time service failure command set");
    ++alerts;
  }
  EXPECT_EQ(alerts, 2);
}

}  // namespace
}  // namespace horolog::winevent
