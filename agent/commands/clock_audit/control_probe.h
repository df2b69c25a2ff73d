// The mode 6 check: does the server answer control queries from anyone? READVAR (system
// variables, with the daemon's `version=`), READSTAT (its associations) and the MRU list (its
// clients' addresses), each unauthenticated, as ntpq would ask.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "agent/commands/clock_audit/audit_finding.h"
#include "agent/commands/clock_audit/audit_target.h"
#include "agent/commands/clock_audit/control_packet.h"
#include "normalizer/time_types.h"

namespace horolog::audit {

struct ControlAnswer {
  bool answered = false;  // at least one fragment came back
  bool complete = false;
  bool error = false;  // an error response (the E bit)
  std::uint8_t error_code = 0;
  std::string text;  // the reassembled data
  std::size_t request_bytes = 0;
  std::size_t response_bytes = 0;  // every fragment's UDP payload
  std::size_t fragments = 0;
};

struct ControlObservation {
  ControlAnswer variables;  // READVAR, association 0
  ControlAnswer status;     // READSTAT
  ControlAnswer nonce;      // REQ_NONCE
  ControlAnswer mru;        // READ_MRU with that nonce (asked only when a nonce came)
};

// One request and its fragments, until the message is complete or `timeout` passes.
ControlAnswer control_exchange(UdpExchange& udp, const ControlRequest& request,
                               Nanoseconds timeout);

// Asks READVAR first; the other operations only when the server answers mode 6 at all, so a
// silent server costs one timeout.
ControlObservation probe_control(UdpExchange& udp, Nanoseconds timeout);

// `control` findings: READVAR answered: medium; version disclosed: low; READSTAT answered: low;
// MRU list readable: medium; an error answer or none: info.
std::vector<Finding> judge_control(const ControlObservation& seen);

// Text the server chose, fit for a terminal and a table cell: printable ASCII, at most `limit`.
std::string printable_server_text(std::string_view text, std::size_t limit = 120);

}  // namespace horolog::audit
