// Names of clock sources as written in host.clock.source.
#include "normalizer/clock_estimate.h"

namespace horolog {

std::string_view to_string(ClockSource source) noexcept {
  switch (source) {
    case ClockSource::none: return "none";
    case ClockSource::ntp: return "ntp";
    case ClockSource::nts: return "nts";
    case ClockSource::kernel: return "kernel";
    case ClockSource::history: return "history";
    case ClockSource::time_change: return "time_change";
  }
  return "none";
}

}  // namespace horolog
