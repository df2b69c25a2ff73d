// The NTS-KE check (RFC 8915 §4): is a TLS listener on the NTS-KE port, does it agree to ALPN
// `ntske/1`, and does its certificate verify against the system's CAs for the name audited.
// Only the handshake: no key exchange is made.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "agent/commands/clock_audit/audit_finding.h"
#include "agent/commands/clock_audit/audit_target.h"
#include "normalizer/time_types.h"

namespace horolog::audit {

inline constexpr std::uint16_t kNtsKePort = 4460;

struct NtsKeObservation {
  std::uint16_t port = kNtsKePort;
  bool listening = false;   // the TCP connection was accepted
  bool handshake = false;   // TLS completed
  std::string failure;      // why the connection or the handshake failed
  std::string tls_version;  // TLSv1.3, ...
  std::string alpn;         // the protocol the server chose; empty when none
  std::string subject;      // the certificate's subject (RFC 2253)
  std::string issuer;
  bool verified = false;  // chain to a system CA and the audited name or address
  std::string verify_error;
};

// TCP connect and TLS handshake, each bounded by `timeout`.
NtsKeObservation probe_nts_ke(const AuditTarget& target, std::uint16_t port, Nanoseconds timeout);

// `nts_ke` findings: certificate not verifying: medium; TLS failing or without ntske/1: low;
// nothing listening, or a sound listener: info.
std::vector<Finding> judge_nts_ke(const NtsKeObservation& seen);

}  // namespace horolog::audit
