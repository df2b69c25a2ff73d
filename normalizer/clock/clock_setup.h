// Start-up: the `clock:` config section turned into ClockMonitorOptions (servers parsed, key
// file loaded, every referenced key present). Errors are values for the config loader.
#pragma once

#include "normalizer/clock/clock_monitor.h"
#include "normalizer/clock/clock_options.h"
#include "normalizer/error.h"

namespace horolog {

Result<ClockMonitorOptions> make_monitor_options(const ClockOptions& options);

}  // namespace horolog
