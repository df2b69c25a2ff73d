// The rate-limiting check: a short, polite burst of client queries (20 within 1 s, no more) and
// whether the server answers all of them, drops some, or sends RATE kiss-o'-death.
#pragma once

#include <vector>

#include "agent/commands/clock_audit/audit_finding.h"
#include "agent/commands/clock_audit/audit_target.h"
#include "normalizer/time_types.h"

namespace horolog::audit {

// The burst: the most the audit ever sends in one second.
inline constexpr int kBurstQueries = 20;
inline constexpr Nanoseconds kBurstSpacing = std::chrono::milliseconds(45);

struct RateObservation {
  int sent = 0;
  int answered = 0;      // time replies echoing one of our requests
  int rate_kisses = 0;   // kiss-o'-death RATE
  int other_kisses = 0;  // DENY, RSTR, ...
};

// Sends kBurstQueries spaced kBurstSpacing apart, then waits `timeout` for late replies.
RateObservation probe_rate(UdpExchange& udp, Nanoseconds timeout);

// `rate` findings: every query answered: low (a reflector for anyone, though without
// amplification); RATE kisses or drops: info.
std::vector<Finding> judge_rate(const RateObservation& seen);

}  // namespace horolog::audit
