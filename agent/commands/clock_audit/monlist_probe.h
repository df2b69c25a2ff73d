// The mode 7 check: one MON_GETLIST_1 request, as the CVE-2013-5211 reflection attacks send it,
// and the bytes that come back for it: any list answered is an amplifier open to anyone.
#pragma once

#include <cstddef>
#include <vector>

#include "agent/commands/clock_audit/audit_finding.h"
#include "agent/commands/clock_audit/audit_target.h"
#include "normalizer/time_types.h"

namespace horolog::audit {

struct MonlistObservation {
  std::size_t request_bytes = 0;
  std::size_t response_packets = 0;
  std::size_t response_bytes = 0;  // UDP payload of every response packet
  std::size_t entries = 0;         // client entries listed
  std::uint8_t error = 0;          // INFO_ERR_* of an error response, 0 when none
  bool last_seen = false;          // a packet without the "more" bit arrived
};

// Collects response packets until the last one (no "more" bit) or `timeout`.
MonlistObservation probe_monlist(UdpExchange& udp, Nanoseconds timeout);

// The response/request byte factor (0 without a response).
double amplification_factor(const MonlistObservation& seen) noexcept;

// `monlist` findings: a list answered: high; an error answer (mode 7 is processed but the list
// refused): low; nothing: info.
std::vector<Finding> judge_monlist(const MonlistObservation& seen);

}  // namespace horolog::audit
