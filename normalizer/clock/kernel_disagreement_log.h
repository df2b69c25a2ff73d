// Says loudly (spdlog error) when a lone server contradicts the kernel's estimate, once per
// disagreement rather than at every poll.
#pragma once

#include <string>

#include "normalizer/clock/clock_measurement.h"

namespace horolog {

class KernelDisagreementLog {
 public:
  // Logs `m`'s disagreement unless the same server's was logged and nothing has been trusted
  // since; returns whether it logged.
  bool note(const ClockMeasurement& m);

 private:
  std::string logged_;  // the server whose disagreement was logged last; empty: none open
};

}  // namespace horolog
