// `horolog clock`: one measurement of this host's clock against NTP servers, printed per server
// (like `chronyc sources` with `ntpdate -q`) and combined.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace horolog {

struct ClockCommandOptions {
  std::string config;                // take servers and key file from it (optional)
  std::vector<std::string> servers;  // HOST, HOST:PORT, [v6]:PORT; override the config's
  std::string key_file;              // chrony key file
  std::uint32_t key = 0;             // key id for the --server servers (0: none)
  int samples = 4;
  bool json = false;
};

// 0 when a trustworthy estimate exists, 1 when not, 2 for bad arguments or config.
int clock_command(const ClockCommandOptions& options);

}  // namespace horolog
