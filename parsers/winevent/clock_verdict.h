// What a clock rule concludes about one event: the event.action it names and, when the event
// looks like tampering, the rule and the ATT&CK technique of the alert.
#pragma once

#include <string_view>

namespace horolog::winevent {

// An ATT&CK technique as ECS's threat.* fields carry it.
struct Technique {
  std::string_view id;
  std::string_view name;
  std::string_view tactic_id;
  std::string_view tactic_name;
};

// System time changed to hide or confuse the order of events.
inline constexpr Technique kTimestomp{"T1070.006", "Indicator Removal: Timestomp", "TA0005",
                                      "Defense Evasion"};
// A service's recovery program run by the service control manager: persistence.
inline constexpr Technique kWindowsService{
    "T1543.003", "Create or Modify System Process: Windows Service", "TA0003", "Persistence"};

struct ClockVerdict {
  std::string_view action;
  std::string_view rule;  // rule.name of the alert; empty: no alert
  const Technique* technique = nullptr;

  bool alert() const noexcept { return !rule.empty(); }
};

}  // namespace horolog::winevent
