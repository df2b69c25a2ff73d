// Keeps, per host, how far a reported change has put the clock ahead of true time, and marks the
// records stamped meanwhile. Records that report no change cost one comparison while no clock is
// wrong.
#include "normalizer/time_change_repair.h"

#include <algorithm>

namespace horolog {

namespace {

Nanoseconds magnitude(Nanoseconds d) noexcept { return d < Nanoseconds::zero() ? -d : d; }

// Whether the record reporting `change` was stamped after the change took effect.
bool on_new_clock(const Event& event, const ClockChange& change) noexcept {
  if (!change.has_readings) return true;
  return magnitude(event.timestamp - change.next) <= magnitude(event.timestamp - change.previous);
}

}  // namespace

TimeChangeRepair::WrongClock* TimeChangeRepair::find(std::string_view host) noexcept {
  for (WrongClock& clock : wrong_) {
    if (clock.host == host) return &clock;
  }
  return nullptr;
}

void TimeChangeRepair::end(std::string_view host) noexcept {
  std::erase_if(wrong_, [host](const WrongClock& clock) { return clock.host == host; });
}

bool TimeChangeRepair::reported_before(const Event& event) {
  const ClockChange& change = event.clock_change;
  if (!change.has_readings) return false;
  // The two reports of one change give the same readings to the 100 ns tick; a millisecond of
  // slack covers exports that keep only milliseconds (PowerShell 5.1).
  constexpr Nanoseconds kSameReading = std::chrono::milliseconds(1);
  for (const ReportedChange& seen : reported_) {
    if (seen.host == event.host && magnitude(seen.previous - change.previous) <= kSameReading &&
        magnitude(seen.next - change.next) <= kSameReading) {
      return true;
    }
  }
  if (reported_.size() == kRememberedChanges) reported_.erase(reported_.begin());
  reported_.push_back({std::string(event.host), change.previous, change.next});
  return false;
}

void TimeChangeRepair::take_change(const Event& event) {
  if (reported_before(event)) return;
  const ClockChange& change = event.clock_change;
  if (change.by == ClockChange::By::time_service) {
    end(event.host);
    return;
  }
  if (!change.has_step) return;
  if (WrongClock* wrong = find(event.host)) {
    wrong->ahead += change.step;
    if (magnitude(wrong->ahead) < kSignificantStep) end(event.host);
    return;
  }
  // Only a change known to be someone else's makes the clock wrong: a Windows 7 Kernel-General
  // record without its process, say, may well be the hardware clock read at boot.
  if (change.by != ClockChange::By::other || magnitude(change.step) < kSignificantStep) return;
  // True time at the change: the previous reading, taken as right; else the record's own stamp
  // on the clock before the step.
  const SysNanos since = change.has_readings           ? change.previous
                         : on_new_clock(event, change) ? event.timestamp - change.step
                                                       : event.timestamp;
  wrong_.push_back({std::string(event.host), change.step, since});
}

void TimeChangeRepair::apply_to_timeline(Event& event) {
  // A record stamped before its change took effect is judged by the clock as it was.
  const bool reports_change = event.clock_change.present();
  const bool stamped_after = reports_change && on_new_clock(event, event.clock_change);
  if (stamped_after) take_change(event);
  if (!event.time_flags.has(TimeFlag::no_timestamp)) {
    if (const WrongClock* wrong = find(event.host)) {
      event.time_repair = {true, -wrong->ahead, wrong->since};
    }
  }
  if (reports_change && !stamped_after) take_change(event);
}

}  // namespace horolog
