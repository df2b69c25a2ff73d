// One client request with a random transmit timestamp (so a reply cannot be an echo of someone
// else's), and the judgement of its answer.
#include "agent/commands/clock_audit/mode3_probe.h"

#include <cstdio>

#include "normalizer/clock/ntp_reference_id.h"

namespace horolog::audit {
namespace {

double to_ms(Nanoseconds value) { return static_cast<double>(value.count()) / 1e6; }
double to_s(Nanoseconds value) { return static_cast<double>(value.count()) / 1e9; }

}  // namespace

bool is_answer(std::span<const std::uint8_t> packet, NtpTimestamp nonce,
               NtpHeader& reply) noexcept {
  if (packet.size() < kNtpHeaderSize) return false;
  const NtpHeader header = decode_header(packet.first<kNtpHeaderSize>());
  if (header.mode != static_cast<std::uint8_t>(NtpMode::server) || header.origin != nonce) {
    return false;
  }
  reply = header;
  return true;
}

TimeObservation probe_time(UdpExchange& udp, Nanoseconds timeout) {
  TimeObservation seen;
  const NtpTimestamp nonce = random_nonce();
  std::array<std::uint8_t, kNtpHeaderSize> request{};
  encode_header(make_request(nonce), request);
  const auto deadline = ProbeClock::now() + timeout;
  if (!udp.send(request)) {
    seen.refused = udp.refused();
    return seen;
  }
  while (auto packet = udp.receive(deadline)) {
    if (is_answer(*packet, nonce, seen.reply)) {
      seen.answered = true;
      return seen;
    }
  }
  seen.refused = udp.refused();
  return seen;
}

bool says_unsynchronized(const NtpHeader& reply) noexcept {
  if (reply.stratum == 0) {
    return reply.leap == 3 &&
           (reply.reference_id == kiss_code("INIT") || reply.reference_id == kiss_code("STEP"));
  }
  return reply.leap == 3 || reply.stratum >= 16;
}

bool serves_replies(const NtpHeader& reply) noexcept {
  return reply.stratum != 0 || says_unsynchronized(reply);
}

Nanoseconds announced_root_distance(const NtpHeader& reply) noexcept {
  return from_ntp_short(reply.root_delay) / 2 + from_ntp_short(reply.root_dispersion);
}

std::vector<Finding> judge_time(const TimeObservation& seen, bool nts_ke_offered,
                                Nanoseconds timeout) {
  std::vector<Finding> out;
  if (!seen.answered) {
    char reason[160];
    if (seen.refused) {
      std::snprintf(reason, sizeof reason, "the UDP port is closed (ICMP port unreachable)");
    } else {
      std::snprintf(reason, sizeof reason, "no reply to a mode 3 client query within %.1f s",
                    to_s(timeout));
    }
    out.push_back({"time", Severity::info, "no_answer", reason, {}, {}});
    return out;
  }
  const NtpHeader& r = seen.reply;
  const std::string reference = reference_id_text(r);
  const Nanoseconds distance = announced_root_distance(r);
  Finding time{"time", Severity::info, "synchronized", {}, {}, {{"reference", reference}}};
  time.numbers = {{"stratum", r.stratum},
                  {"leap", r.leap},
                  {"version", r.version},
                  {"root_delay_ms", to_ms(from_ntp_short(r.root_delay))},
                  {"root_dispersion_ms", to_ms(from_ntp_short(r.root_dispersion))},
                  {"root_distance_ms", to_ms(distance)}};
  char reason[256];
  if (!serves_replies(r)) {
    time.finding = "kiss_of_death";
    std::snprintf(reason, sizeof reason,
                  "answered a plain query with the kiss code %s instead of time",
                  reference.c_str());
    time.reason = reason;
    out.push_back(std::move(time));
    return out;  // no time was served
  }
  if (says_unsynchronized(r)) {
    time.severity = Severity::high;
    time.finding = "unsynchronized";
    const std::string code = r.stratum == 0 ? " (code " + reference + ")" : "";
    std::snprintf(reason, sizeof reason,
                  "leap indicator %u, stratum %u%s: the server says its own clock is not "
                  "synchronized, so its clients get no usable time",
                  r.leap, r.stratum, code.c_str());
  } else if (distance > kMaxRootDistance) {
    time.severity = Severity::medium;
    time.finding = "root_distance_beyond_maxdist";
    std::snprintf(reason, sizeof reason,
                  "root distance %.3f s exceeds MAXDIST %.1f s (RFC 5905): clients discard it "
                  "(stratum %u, reference %s)",
                  to_s(distance), to_s(kMaxRootDistance), r.stratum, reference.c_str());
  } else {
    std::snprintf(reason, sizeof reason,
                  "stratum %u, reference %s, root distance %.3f s, leap %u, NTPv%u", r.stratum,
                  reference.c_str(), to_s(distance), r.leap, r.version);
  }
  time.reason = reason;
  out.push_back(std::move(time));
  if (nts_ke_offered) {
    out.push_back({"unauthenticated_time",
                   Severity::low,
                   "served_beside_nts",
                   "plain mode 3 queries get time although NTS-KE is offered: a client that does "
                   "not insist on NTS can be fed forged time by anyone on the path",
                   {},
                   {}});
  } else {
    out.push_back({"unauthenticated_time",
                   Severity::info,
                   "served",
                   "plain mode 3 queries get time without authentication (expected of a public "
                   "server; a finding for one meant for authenticated clients only)",
                   {},
                   {}});
  }
  return out;
}

}  // namespace horolog::audit
