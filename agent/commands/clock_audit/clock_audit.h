// `horolog clock --audit HOST[:PORT]...`: asks each NTP server what an attacker would (mode 3,
// mode 6, mode 7, a short burst, NTS-KE) and reports one finding per check with a severity.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "agent/commands/clock_audit/audit_finding.h"
#include "agent/commands/clock_audit/audit_target.h"
#include "agent/commands/clock_audit/nts_ke_probe.h"
#include "normalizer/error.h"
#include "normalizer/time_types.h"

namespace horolog::audit {

struct AuditSettings {
  std::uint16_t nts_ke_port = kNtsKePort;
  Nanoseconds timeout = std::chrono::seconds(1);  // per probe
};

// Every check against one resolved server. Mode 3, 6, 7 and NTS-KE run side by side (a silent
// host costs one timeout, not five); the burst follows, only when the server answered time.
ServerAudit audit_server(const AuditTarget& target, const AuditSettings& settings);

}  // namespace horolog::audit

namespace horolog {

struct ClockAuditOptions {
  std::vector<std::string> servers;  // HOST, HOST:PORT, [v6]:PORT
  std::uint16_t nts_ke_port = audit::kNtsKePort;
  double timeout_s = 1.0;
  bool json = false;
};

// Exit status 1 when any finding is high, else 0; invalid_argument for a malformed server.
// Only the servers named are contacted.
Result<int> clock_audit_command(const ClockAuditOptions& options);

}  // namespace horolog
