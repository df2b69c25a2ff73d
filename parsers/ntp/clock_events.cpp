// Message patterns of ntpd (classic and ntpsec), ntpdate, chronyd, systemd-timesyncd and the
// kernel's NTP interface, checked in order; the first match wins.
#include "parsers/ntp/clock_events.h"

#include <charconv>
#include <chrono>

namespace horolog::ntp {
namespace {

struct Pattern {
  std::string_view needle;
  std::string_view action;
  bool step_follows;  // a signed number of seconds follows the needle
};

constexpr Pattern kPatterns[] = {
    {"System clock wrong by ", "clock_wrong", true},       // chronyd
    {"System clock was stepped by ", "clock_step", true},  // chronyd
    {"time reset ", "clock_step", true},                   // ntpd
    {"time stepped by ", "clock_step", true},              // ntpsec
    {"wake time set ", "clock_step", true},                // macOS ntpd after sleep
    {"time set ", "clock_step", true},                     // ntpd -q / ntpd -g
    {"step time server ", "clock_step", false},            // ntpdate
    {"Forward time jump detected", "clock_jump", false},   // chronyd
    {"Backward time jump detected", "clock_jump", false},  // chronyd
    {"TIME_ERROR", "kernel_time_error", false},            // ntpd kernel loop
    {"leap_armed", "leap_armed", false},                   // ntpd event
    {"Leap second will be", "leap_armed", false},          // chronyd
    {"leap second armed", "leap_armed", false},
    {"synchronized to ", "sync_gained", false},             // ntpd
    {"Selected source ", "sync_gained", false},             // chronyd
    {"Synchronized to time server", "sync_gained", false},  // systemd-timesyncd
    {"Initial synchronization to time server", "sync_gained", false},
    {"no_sys_peer", "sync_lost", false},        // ntpd/ntpsec event
    {"Can't synchronise", "sync_lost", false},  // chronyd
    {"No suitable source for synchronisation", "sync_lost", false},
    {"no servers reachable", "sync_lost", false},  // ntpd
    {"kernel time sync disabled", "sync_lost", false},
};

constexpr std::string_view kTimeDaemons[] = {
    "ntpd", "chronyd", "ntpdate", "systemd-timesyncd", "openntpd", "timed", "w32time",
};

// `+0.270003 s`, `-1.5 seconds`, `0.5`: the number right after the needle.
bool read_seconds(std::string_view text, double& out) noexcept {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  std::size_t end = 0;
  while (end < text.size() && text[end] != ' ' && text[end] != ',') ++end;
  const auto result = std::from_chars(text.data(), text.data() + end, out);
  return result.ec == std::errc{} && result.ptr == text.data() + end;
}

}  // namespace

bool is_time_daemon(std::string_view app) noexcept {
  for (std::string_view name : kTimeDaemons) {
    if (app == name) return true;
  }
  return false;
}

bool tag_clock_event(std::string_view message, Event& event) {
  for (const Pattern& p : kPatterns) {
    const std::size_t at = message.find(p.needle);
    if (at == std::string_view::npos) continue;
    event.add("event.category", FieldValue::string("time"));
    event.add("event.action", FieldValue::string(p.action));
    double step_s = 0;
    const bool has_step =
        p.step_follows && read_seconds(message.substr(at + p.needle.size()), step_s);
    if (has_step) event.add("horolog.clock.step_s", FieldValue::float64(step_s));
    // The daemon's own steps and synchronizations are corrections the timeline repair can trust.
    if (p.action == "clock_step" && has_step) {
      event.clock_change.by = ClockChange::By::time_service;
      event.clock_change.has_step = true;
      event.clock_change.step =
          std::chrono::round<Nanoseconds>(std::chrono::duration<double>(step_s));
      event.add("horolog.clock.changed_by", FieldValue::string(to_string(event.clock_change.by)));
    } else if (p.action == "sync_gained") {
      event.clock_change.by = ClockChange::By::time_service;
      event.clock_change.has_step = false;
    }
    return true;
  }
  return false;
}

}  // namespace horolog::ntp
