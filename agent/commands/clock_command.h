// `horolog clock`: one measurement of this host's clock against NTP servers, printed per server
// (like `chronyc sources` with `ntpdate -q`) and combined.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "normalizer/error.h"

namespace horolog {

struct ClockCommandOptions {
  std::string config;                // take servers and key file from it (optional)
  std::vector<std::string> servers;  // HOST, HOST:PORT, [v6]:PORT; override the config's
  std::string key_file;              // chrony key file
  std::uint32_t key = 0;             // key id for the --server servers (0: none)
  bool nts = false;                  // the --server servers are NTS-KE servers
  std::string nts_ca_file;           // CAs for NTS-KE certificates (empty: config or system)
  int samples = 4;
  bool json = false;
};

// The exit status: 0 when a trustworthy estimate exists, 1 when not. invalid_argument or
// invalid_config for bad arguments or config.
Result<int> clock_command(const ClockCommandOptions& options);

}  // namespace horolog
