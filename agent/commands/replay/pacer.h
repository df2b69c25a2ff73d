// When each replayed event is due, as a delay from the start of the replay: unpaced (as fast as
// possible), a fixed rate (events per second), or a speed factor over the events' own times
// (--speed 60 replays an hour of logs in a minute). Pure arithmetic: the caller does the waiting.
#pragma once

#include <cstdint>
#include <optional>

#include "normalizer/time_types.h"

namespace horolog {

class Pacer {
 public:
  static Pacer unpaced() noexcept { return Pacer(Mode::unpaced, 0.0); }
  // `events_per_second` > 0.
  static Pacer at_rate(double events_per_second) noexcept {
    return Pacer(Mode::rate, events_per_second);
  }
  // `factor` > 0: 1 is the original pace, 2 twice as fast.
  static Pacer at_speed(double factor) noexcept { return Pacer(Mode::speed, factor); }

  bool paced() const noexcept { return mode_ != Mode::unpaced; }

  // The delay after the start at which the next event is due; `event_time` is empty for events
  // without a usable time. Delays never decrease: an event older than one before it (records
  // out of order, an untimed record) is due at once. Speed mode measures from the first timed
  // event. Unpaced: always zero.
  Nanoseconds next(std::optional<SysNanos> event_time) noexcept;

 private:
  enum class Mode : std::uint8_t { unpaced, rate, speed };
  Pacer(Mode mode, double value) noexcept : mode_(mode), value_(value) {}

  Mode mode_;
  double value_;
  std::uint64_t count_ = 0;
  std::optional<SysNanos> first_time_;
  Nanoseconds last_due_{0};
};

}  // namespace horolog
