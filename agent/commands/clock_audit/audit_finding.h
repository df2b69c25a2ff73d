// What an NTP server audit reports: one finding per check and server, with a severity chosen by
// what an attacker gains (README "Auditing NTP servers" has the table).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace horolog::audit {

enum class Severity : std::uint8_t {
  info,    // a fact worth knowing, nothing to fix
  low,     // a disclosure or a missing safeguard with little gain for an attacker
  medium,  // open to anyone and useful for reconnaissance or small reflection
  high,    // abusable at scale (amplification) or serving time clients must not use
};

std::string_view to_string(Severity severity) noexcept;

struct Finding {
  std::string check;  // time, unauthenticated_time, control, monlist, rate, nts_ke
  Severity severity = Severity::info;
  std::string finding;  // a stable snake_case code, e.g. monlist_answered
  std::string reason;   // one sentence with the numbers that decided it
  // Measured values for --json (amplification factor, counts, ...), and texts the server gave.
  std::vector<std::pair<std::string, double>> numbers;
  std::vector<std::pair<std::string, std::string>> texts;
};

struct ServerAudit {
  std::string server;   // as given: host:port
  std::string address;  // the numeric address contacted; empty when it did not resolve
  std::vector<Finding> findings;
};

}  // namespace horolog::audit
