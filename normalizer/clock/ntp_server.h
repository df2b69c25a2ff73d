// An NTP server to query: host (name or address), port and optional symmetric key id or NTS, built
// from the `clock:` config section (clock_options.h parses the address forms).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "normalizer/clock/clock_options.h"
#include "normalizer/error.h"

namespace horolog {

struct NtpServerSpec {
  std::string host;
  std::uint16_t port = kNtpPort;
  std::uint32_t key_id = 0;  // 0: unauthenticated
  // NTS (RFC 8915): host and port are those of the key-exchange server, which names the NTP
  // server and port in its answer.
  bool nts = false;
};

// Every configured server, or the first malformed one named in the error.
Result<std::vector<NtpServerSpec>> server_specs(const ClockOptions& options);

// "host:port", "[v6]:port" as shown in reports.
std::string to_string(const NtpServerSpec& server);

}  // namespace horolog
