// `horolog replay`: archived logs (plain, .gz, .zst; rotated sets oldest first) through the
// pipeline once, with years inferred from the files themselves and, given the host's NTP
// statistics, each event corrected by the clock offset in effect at its own time.
#pragma once

#include <string>
#include <vector>

#include "normalizer/error.h"

namespace horolog {

struct ReplayCommandOptions {
  std::string config;  // sinks, timezone and host_name from here; none: NDJSON on stdout
  std::string format = "auto";
  std::string timezone;                     // empty: the config's, else local
  std::string host;                         // empty: the config's host_name, else this host's name
  double rate = 0.0;                        // events per second; 0: unpaced
  double speed = 0.0;                       // times the original pace; 0: unpaced
  std::vector<std::string> clock_history;   // loopstats / tracking.log files
  std::vector<std::string> include_fields;  // empty: every member
  std::vector<std::string> exclude_fields;
  std::vector<std::string> paths;
};

// The exit status: 0, 1 when a file could not be read (completely; reported as it goes), 130 when
// SIGINT/SIGTERM ended it early (what was read by then is delivered). invalid_argument or
// invalid_config for unusable options.
Result<int> replay_command(const ReplayCommandOptions& options);

}  // namespace horolog
