// Delays in double seconds are fine here: pacing is approximate by nature (sleep granularity).
#include "agent/commands/replay/pacer.h"

#include <algorithm>
#include <cmath>

namespace horolog {

Nanoseconds Pacer::next(std::optional<SysNanos> event_time) noexcept {
  Nanoseconds due{0};
  switch (mode_) {
    case Mode::unpaced: return due;
    case Mode::rate:
      due = Nanoseconds(std::llround(static_cast<double>(count_) * 1e9 / value_));
      ++count_;
      break;
    case Mode::speed:
      if (!event_time) return last_due_;
      if (!first_time_) first_time_ = event_time;
      if (*event_time > *first_time_) {
        const auto elapsed = static_cast<double>((*event_time - *first_time_).count());
        due = Nanoseconds(std::llround(elapsed / value_));
      }
      break;
  }
  last_due_ = std::max(last_due_, due);
  return last_due_;
}

}  // namespace horolog
