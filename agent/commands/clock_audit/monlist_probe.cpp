// Mode 7 MON_GETLIST_1 over the probe socket, measured in bytes.
#include "agent/commands/clock_audit/monlist_probe.h"

#include <cstdio>

#include "agent/commands/clock_audit/monlist_packet.h"

namespace horolog::audit {

MonlistObservation probe_monlist(UdpExchange& udp, Nanoseconds timeout) {
  MonlistObservation seen;
  const auto request = encode_monlist_request();
  seen.request_bytes = request.size();
  const auto deadline = ProbeClock::now() + timeout;
  if (!udp.send(request)) return seen;
  while (auto packet = udp.receive(deadline)) {
    const auto fragment = decode_monlist_response(*packet);
    if (!fragment) continue;
    ++seen.response_packets;
    seen.response_bytes += packet->size();
    seen.entries += fragment->items;
    if (fragment->error != 0) seen.error = fragment->error;
    if (!fragment->more) {
      seen.last_seen = true;
      break;
    }
  }
  return seen;
}

double amplification_factor(const MonlistObservation& seen) noexcept {
  if (seen.request_bytes == 0) return 0.0;
  return static_cast<double>(seen.response_bytes) / static_cast<double>(seen.request_bytes);
}

std::vector<Finding> judge_monlist(const MonlistObservation& seen) {
  std::vector<Finding> out;
  const double factor = amplification_factor(seen);
  const std::vector<std::pair<std::string, double>> numbers{
      {"request_bytes", static_cast<double>(seen.request_bytes)},
      {"response_packets", static_cast<double>(seen.response_packets)},
      {"response_bytes", static_cast<double>(seen.response_bytes)},
      {"entries", static_cast<double>(seen.entries)},
      {"amplification_factor", factor}};
  char reason[320];
  if (seen.response_packets == 0) {
    out.push_back({"monlist",
                   Severity::info,
                   "mode7_not_answered",
                   "no answer to a mode 7 MON_GETLIST_1 (monlist) request",
                   {},
                   {}});
  } else if (seen.error != 0 && seen.entries == 0) {
    std::snprintf(reason, sizeof reason,
                  "answers mode 7 with error %u: it still processes private requests from anyone, "
                  "but refused the monlist (%zu bytes for %zu, x%.1f)",
                  seen.error, seen.response_bytes, seen.request_bytes, factor);
    out.push_back({"monlist", Severity::low, "mode7_error_answer", reason, numbers, {}});
  } else {
    std::snprintf(reason, sizeof reason,
                  "answers monlist (CVE-2013-5211): %zu bytes in %zu packet(s) listing %zu "
                  "client(s) for a %zu-byte request: amplification x%.1f%s",
                  seen.response_bytes, seen.response_packets, seen.entries, seen.request_bytes,
                  factor, seen.last_seen ? "" : " (list cut short by the timeout)");
    out.push_back({"monlist", Severity::high, "monlist_answered", reason, numbers, {}});
  }
  return out;
}

}  // namespace horolog::audit
