// Severity names as the table and --json print them.
#include "agent/commands/clock_audit/audit_finding.h"

namespace horolog::audit {

std::string_view to_string(Severity severity) noexcept {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::low: return "low";
    case Severity::medium: return "medium";
    case Severity::high: return "high";
  }
  return "unknown";
}

}  // namespace horolog::audit
