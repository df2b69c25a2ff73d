// Mode 6 exchanges over the probe socket and what their answers disclose.
#include "agent/commands/clock_audit/control_probe.h"

#include <cstdio>
#include <random>

namespace horolog::audit {
namespace {

std::uint16_t first_sequence() {
  std::random_device seed;
  return static_cast<std::uint16_t>(seed() | 1);
}

double factor(const ControlAnswer& a) {
  return a.request_bytes == 0
             ? 0.0
             : static_cast<double>(a.response_bytes) / static_cast<double>(a.request_bytes);
}

std::size_t count_prefixed(std::string_view text, std::string_view prefix) {
  std::size_t n = 0;
  for (const auto& [name, value] : control_variables(text)) {
    if (name.starts_with(prefix)) ++n;
  }
  return n;
}

}  // namespace

std::string printable_server_text(std::string_view text, std::size_t limit) {
  std::string out;
  for (const char c : text) {
    if (out.size() >= limit) {
      out += "...";
      break;
    }
    out += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  return out;
}

ControlAnswer control_exchange(UdpExchange& udp, const ControlRequest& request,
                               Nanoseconds timeout) {
  ControlAnswer answer;
  const std::vector<std::uint8_t> packet = encode_control_request(request);
  answer.request_bytes = packet.size();
  const auto deadline = ProbeClock::now() + timeout;
  if (!udp.send(packet)) return answer;
  ControlAssembly assembly;
  while (auto received = udp.receive(deadline)) {
    const auto fragment = decode_control_response(*received, request.opcode, request.sequence);
    if (!fragment) continue;
    answer.answered = true;
    answer.response_bytes += received->size();
    if (!assembly.add(*fragment)) break;  // contradictory or oversized: stop listening
    if (assembly.complete()) break;
  }
  answer.complete = assembly.complete();
  answer.error = assembly.error();
  answer.error_code = assembly.error_code();
  answer.fragments = assembly.fragments();
  answer.text = assembly.text();
  return answer;
}

ControlObservation probe_control(UdpExchange& udp, Nanoseconds timeout) {
  ControlObservation seen;
  std::uint16_t sequence = first_sequence();
  seen.variables =
      control_exchange(udp, {ControlOpcode::read_variables, sequence++, 0, {}}, timeout);
  if (!seen.variables.answered) return seen;
  seen.status = control_exchange(udp, {ControlOpcode::read_status, sequence++, 0, {}}, timeout);
  seen.nonce = control_exchange(udp, {ControlOpcode::request_nonce, sequence++, 0, {}}, timeout);
  const auto nonce = control_variable(seen.nonce.text, "nonce");
  if (seen.nonce.answered && !seen.nonce.error && nonce) {
    // frags=1: the smallest MRU answer that proves the list is readable.
    const std::string data = "nonce=" + std::string(*nonce) + ", frags=1";
    seen.mru = control_exchange(udp, {ControlOpcode::read_mru, sequence++, 0, data}, timeout);
  }
  return seen;
}

std::vector<Finding> judge_control(const ControlObservation& seen) {
  std::vector<Finding> out;
  const ControlAnswer& vars = seen.variables;
  char reason[320];
  if (!vars.answered) {
    out.push_back({"control",
                   Severity::info,
                   "mode6_not_answered",
                   "no answer to an unauthenticated mode 6 READVAR query",
                   {},
                   {}});
    return out;
  }
  if (vars.error) {
    std::snprintf(reason, sizeof reason,
                  "answers mode 6 READVAR with error %u: it parses control queries from anyone "
                  "but refused this one",
                  vars.error_code);
    out.push_back({"control",
                   Severity::info,
                   "mode6_error_answer",
                   reason,
                   {{"error_code", vars.error_code}},
                   {}});
  } else {
    std::snprintf(reason, sizeof reason,
                  "answers unauthenticated mode 6 READVAR from anyone: %zu bytes of system "
                  "variables in %zu fragment(s) for a %zu-byte request (x%.1f)",
                  vars.response_bytes, vars.fragments, vars.request_bytes, factor(vars));
    out.push_back({"control",
                   Severity::medium,
                   "mode6_readvar_answered",
                   reason,
                   {{"request_bytes", static_cast<double>(vars.request_bytes)},
                    {"response_bytes", static_cast<double>(vars.response_bytes)},
                    {"fragments", static_cast<double>(vars.fragments)},
                    {"amplification_factor", factor(vars)}},
                   {}});
    if (const auto version = control_variable(vars.text, "version"); version && !version->empty()) {
      const std::string shown = printable_server_text(*version);
      std::snprintf(reason, sizeof reason,
                    "version=\"%s\": names the daemon and its release, a pointer to its known "
                    "CVEs",
                    shown.c_str());
      out.push_back(
          {"control", Severity::low, "version_disclosed", reason, {}, {{"version", shown}}});
    }
  }
  if (seen.status.answered && !seen.status.error) {
    // READSTAT data: a 16-bit association id and a 16-bit status word per association.
    const std::size_t associations = seen.status.text.size() / 4;
    std::snprintf(reason, sizeof reason,
                  "answers mode 6 READSTAT: its %zu association(s) (the servers it follows) can "
                  "be listed by anyone",
                  associations);
    out.push_back({"control",
                   Severity::low,
                   "mode6_peer_list",
                   reason,
                   {{"associations", static_cast<double>(associations)}},
                   {}});
  }
  if (seen.mru.answered && !seen.mru.error) {
    const std::size_t clients = count_prefixed(seen.mru.text, "addr.");
    std::snprintf(reason, sizeof reason,
                  "answers mode 6 READ_MRU (ntpq mrulist) to anyone: its clients' addresses "
                  "leak (%zu in the first fragment)",
                  clients);
    out.push_back({"control",
                   Severity::medium,
                   "mode6_mru_list",
                   reason,
                   {{"clients_in_first_fragment", static_cast<double>(clients)}},
                   {}});
  }
  return out;
}

}  // namespace horolog::audit
