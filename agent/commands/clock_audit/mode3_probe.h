// The mode 3 check: one plain client query, as any host may send, and what its answer tells:
// stratum, leap, reference, root distance, version, and whether unauthenticated time is served.
#pragma once

#include <vector>

#include "agent/commands/clock_audit/audit_finding.h"
#include "agent/commands/clock_audit/audit_target.h"
#include "normalizer/clock/ntp_packet.h"
#include "normalizer/time_types.h"

namespace horolog::audit {

// MAXDIST of RFC 5905 §7.2: clients discard a server whose root distance exceeds it.
inline constexpr Nanoseconds kMaxRootDistance = std::chrono::milliseconds(1500);

struct TimeObservation {
  bool answered = false;  // a mode 4 reply echoing our request's transmit timestamp
  bool refused = false;   // ICMP port unreachable: nothing listens
  NtpHeader reply;
};

TimeObservation probe_time(UdpExchange& udp, Nanoseconds timeout);

// True when the reply is a well-formed answer to the request whose transmit timestamp was
// `nonce`: a header, mode 4 (server), origin echoing the nonce.
bool is_answer(std::span<const std::uint8_t> packet, NtpTimestamp nonce, NtpHeader& reply) noexcept;

// True when the reply says the server has no time: leap 3 or stratum 16, or, as ntpd and ntpsec
// put it on the wire until they first synchronize, stratum 0 with leap 3 and the code INIT or STEP.
// Other stratum 0 replies are refusals (RATE, DENY, RSTR, ...).
bool says_unsynchronized(const NtpHeader& reply) noexcept;

// True when the reply is not a refusal: time, even unsynchronized time, was sent.
bool serves_replies(const NtpHeader& reply) noexcept;

// The root distance a server announces of itself: root delay / 2 + root dispersion.
Nanoseconds announced_root_distance(const NtpHeader& reply) noexcept;

// `time` findings (unsynchronized: high; beyond MAXDIST: medium; no answer, kiss or healthy:
// info) and `unauthenticated_time` (an answer: info, low when NTS-KE is offered beside it).
std::vector<Finding> judge_time(const TimeObservation& seen, bool nts_ke_offered,
                                Nanoseconds timeout);

}  // namespace horolog::audit
