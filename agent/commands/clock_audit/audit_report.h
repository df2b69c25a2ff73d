// The audit's output: a table with one finding per line, or one JSON document (shape in the
// README), and the exit status the findings call for.
#pragma once

#include <span>
#include <string>

#include "agent/commands/clock_audit/audit_finding.h"

namespace horolog::audit {

std::string audit_table(std::span<const ServerAudit> servers);
std::string audit_json(std::span<const ServerAudit> servers);

// 1 when any finding is high, else 0: the way `horolog clock` exits 1 when its answer is "no".
int audit_exit_status(std::span<const ServerAudit> servers) noexcept;

}  // namespace horolog::audit
