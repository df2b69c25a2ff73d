// One row per watched value, with the test its new data must fail to be tampering. Paths are
// compared below `\Services\W32Time`, so every control set and root spelling matches.
#include "parsers/winevent/w32time_registry.h"

#include <charconv>
#include <cstdint>

#include "parsers/winevent/ascii_text.h"

namespace horolog::winevent {
namespace {

constexpr std::string_view kAction = "time_service_config_changed";
constexpr std::string_view kServiceKey = "\\Services\\W32Time";

enum class Check : std::uint8_t {
  none,             // a change worth recording, not an alert by itself
  sync_type,        // Type: alert unless NT5DS, NTP or AllSync (NoSync stops synchronizing)
  disabled_when_0,  // a provider's Enabled: 0 turns it off
  disabled_when_4,  // the service's Start: 4 is SERVICE_DISABLED
  always,           // any write is an alert
};

struct WatchedValue {
  std::string_view path;  // below kServiceKey, with the value name
  Check check;
  ClockVerdict verdict;
};

constexpr ClockVerdict kRecorded{kAction, {}, nullptr};
constexpr ClockVerdict kSyncOff{kAction, "Time service synchronization turned off", &kTimestomp};
constexpr ClockVerdict kServiceOff{kAction, "Time service or NTP client disabled", &kTimestomp};
constexpr ClockVerdict kFailureCommand{kAction, "Time service failure command set",
                                       &kWindowsService};

constexpr WatchedValue kWatched[] = {
    {"\\Parameters\\Type", Check::sync_type, kSyncOff},
    {"\\Parameters\\NtpServer", Check::none, kRecorded},
    {"\\Config\\AnnounceFlags", Check::none, kRecorded},
    {"\\Config\\MaxPosPhaseCorrection", Check::none, kRecorded},
    {"\\Config\\MaxNegPhaseCorrection", Check::none, kRecorded},
    {"\\TimeProviders\\NtpClient\\Enabled", Check::disabled_when_0, kServiceOff},
    {"\\TimeProviders\\NtpServer\\Enabled", Check::none, kRecorded},
    {"\\Start", Check::disabled_when_4, kServiceOff},
    {"\\FailureCommand", Check::always, kFailureCommand},
};

constexpr std::string_view kSyncingTypes[] = {"NT5DS", "NTP", "AllSync"};

std::string_view trim(std::string_view text) noexcept {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// `4`, `0x4`, Sysmon's `DWORD (0x00000004)`.
bool dword(std::string_view text, std::uint64_t& out) noexcept {
  text = trim(text);
  if (text.starts_with("DWORD (") && text.ends_with(")")) text = text.substr(7, text.size() - 8);
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    text.remove_prefix(2);
    base = 16;
  }
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out, base);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

bool fails(Check check, std::string_view new_value) noexcept {
  std::uint64_t number = 0;
  switch (check) {
    case Check::none: return false;
    case Check::always: return true;
    case Check::disabled_when_0: return dword(new_value, number) && number == 0;
    case Check::disabled_when_4: return dword(new_value, number) && number == 4;
    case Check::sync_type:
      new_value = trim(new_value);
      if (new_value.empty()) return false;
      for (std::string_view type : kSyncingTypes) {
        if (iequals(new_value, type)) return false;
      }
      return true;
  }
  return false;
}

// `key` + `\` + `value_name` equals `path`, without building the joined text.
bool same_path(std::string_view key, std::string_view value_name, std::string_view path) noexcept {
  if (value_name.empty()) return iequals(key, path);
  return key.size() + 1 + value_name.size() == path.size() &&
         iequals(key, path.substr(0, key.size())) && path[key.size()] == '\\' &&
         iequals(value_name, path.substr(key.size() + 1));
}

}  // namespace

const ClockVerdict* judge_w32time_write(std::string_view key, std::string_view value_name,
                                        std::string_view new_value) noexcept {
  const std::size_t at = ifind(key, kServiceKey);
  if (at == std::string_view::npos) return nullptr;
  const std::string_view below = key.substr(at + kServiceKey.size());
  // `\Services\W32TimeX` is another service.
  if (!below.empty() && below.front() != '\\') return nullptr;
  for (const WatchedValue& watched : kWatched) {
    if (!same_path(below, value_name, watched.path)) continue;
    return fails(watched.check, new_value) ? &watched.verdict : &kRecorded;
  }
  return nullptr;
}

}  // namespace horolog::winevent
