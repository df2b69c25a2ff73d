// Timelines repaired across the clock changes a log reports: the records stamped while a change
// had put the host's clock wrong get the correction back to true time (Event::time_repair).
#pragma once

#include <string>
#include <vector>

#include "normalizer/event.h"

namespace horolog {

// A change by anything other than the time service (a user, a script, a clock set by hand)
// makes the clock wrong by its step (a change whose author is unknown only adds to an error
// already there); the records after it, up to the change that undoes it or
// the time service's next synchronization, are moved back by that much. Assumes the clock was
// right before the change: the log does not say otherwise until later, and this is read in
// order, once. The same change reported twice (same host and readings) counts once. A record that
// reports a change is on the new clock when its stamp is nearer the new reading than the previous
// one (or when the readings are unknown). Per host name: a collector's file mixes hosts, and one
// host's change says nothing of another. One per source, fed every record in record order.
class TimeChangeRepair {
 public:
  // Steps smaller than this open no wrong period, and a period whose steps add up to less is
  // over: hand-set clocks are off by seconds, and sub-second steps are the time service's trade.
  static constexpr Nanoseconds kSignificantStep = std::chrono::seconds(1);

  // Inline for the common case: no clock is wrong and the record reports no change.
  void apply(Event& event) {
    if (wrong_.empty() && !event.clock_change.present()) return;
    apply_to_timeline(event);
  }

 private:
  void apply_to_timeline(Event& event);
  struct WrongClock {
    std::string host;
    Nanoseconds ahead{0};  // the clock's reading minus true time
    SysNanos since{};
  };
  // A change known by its readings: Windows reports one change twice (Security 4616 and System
  // Kernel-General 1, with the same readings), and a log holding both channels must count it once.
  struct ReportedChange {
    std::string host;
    SysNanos previous{};
    SysNanos next{};
  };
  static constexpr std::size_t kRememberedChanges = 8;

  WrongClock* find(std::string_view host) noexcept;
  // Whether the change was reported before; remembers it when not.
  bool reported_before(const Event& event);
  void take_change(const Event& event);
  void end(std::string_view host) noexcept;

  std::vector<WrongClock> wrong_;         // hosts whose clock is wrong now; usually none or one
  std::vector<ReportedChange> reported_;  // the last kRememberedChanges, oldest first
};

}  // namespace horolog
