// The burst and its replies, told apart by the random transmit timestamp of each request.
#include "agent/commands/clock_audit/rate_probe.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "agent/commands/clock_audit/mode3_probe.h"
#include "normalizer/clock/ntp_packet.h"

namespace horolog::audit {

RateObservation probe_rate(UdpExchange& udp, Nanoseconds timeout) {
  RateObservation seen;
  std::array<NtpTimestamp, kBurstQueries> nonces{};
  std::array<bool, kBurstQueries> replied{};
  const auto take = [&](std::span<const std::uint8_t> packet) {
    NtpHeader reply;
    for (int i = 0; i < seen.sent; ++i) {
      const auto at = static_cast<std::size_t>(i);
      if (replied[at] || !is_answer(packet, nonces[at], reply)) continue;
      replied[at] = true;
      if (serves_replies(reply)) {
        ++seen.answered;
      } else if (reply.reference_id == kiss_code("RATE")) {
        ++seen.rate_kisses;
      } else {
        ++seen.other_kisses;
      }
      return;
    }
  };
  auto next = ProbeClock::now();
  for (int i = 0; i < kBurstQueries; ++i) {
    nonces[static_cast<std::size_t>(i)] = random_nonce();
    std::array<std::uint8_t, kNtpHeaderSize> request{};
    encode_header(make_request(nonces[static_cast<std::size_t>(i)]), request);
    if (!udp.send(request)) break;
    ++seen.sent;
    next += kBurstSpacing;
    while (auto packet = udp.receive(next)) take(*packet);
    if (udp.refused()) break;
  }
  const auto deadline = ProbeClock::now() + timeout;
  const auto all_back = [&] { return seen.answered + seen.rate_kisses + seen.other_kisses; };
  while (all_back() < seen.sent) {
    auto packet = udp.receive(deadline);
    if (!packet) break;
    take(*packet);
  }
  return seen;
}

std::vector<Finding> judge_rate(const RateObservation& seen) {
  std::vector<Finding> out;
  const std::vector<std::pair<std::string, double>> numbers{
      {"sent", seen.sent},
      {"answered", seen.answered},
      {"rate_kisses", seen.rate_kisses},
      {"other_kisses", seen.other_kisses},
      {"dropped", seen.sent - seen.answered - seen.rate_kisses - seen.other_kisses}};
  const double burst_s =
      static_cast<double>((kBurstSpacing * std::max(seen.sent - 1, 0)).count()) / 1e9;
  char reason[256];
  if (seen.sent > 0 && seen.answered == seen.sent) {
    std::snprintf(reason, sizeof reason,
                  "answered all %d queries of a %.2f s burst: no rate limiting, so anyone can "
                  "use it as a reflector (no amplification in mode 3)",
                  seen.sent, burst_s);
    out.push_back({"rate", Severity::low, "no_rate_limiting", reason, numbers, {}});
  } else if (seen.rate_kisses > 0) {
    std::snprintf(reason, sizeof reason,
                  "rate limits: of %d queries in %.2f s, %d answered, %d RATE kiss-o'-death",
                  seen.sent, burst_s, seen.answered, seen.rate_kisses);
    out.push_back({"rate", Severity::info, "rate_limited_with_kod", reason, numbers, {}});
  } else {
    std::snprintf(reason, sizeof reason,
                  "rate limits by dropping: of %d queries in %.2f s, %d answered, none with a "
                  "RATE kiss",
                  seen.sent, burst_s, seen.answered);
    out.push_back({"rate", Severity::info, "rate_limited_by_dropping", reason, numbers, {}});
  }
  return out;
}

}  // namespace horolog::audit
