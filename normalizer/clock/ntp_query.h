// The NTP client on the wire: resolves servers, sends bursts of requests over UDP (IPv4 and
// IPv6) to all servers in parallel, validates and authenticates replies (symmetric keys or
// NTS, whose key exchanges run first, one server after the other), and filters each server's
// samples. Blocking; run it off the hot path (ClockMonitor's thread, the CLI).
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "normalizer/clock/clock_filter.h"
#include "normalizer/clock/ntp_keyfile.h"
#include "normalizer/clock/ntp_server.h"
#include "normalizer/clock/nts_session.h"

namespace horolog {

struct NtpQueryOptions {
  int samples = 4;
  // How long to wait for the replies of one round.
  Nanoseconds timeout = std::chrono::seconds(1);
  // Spacing of the requests to one server (chrony's iburst uses 2 s).
  Nanoseconds sample_interval = std::chrono::seconds(2);
};

enum class ServerStatus : std::uint8_t {
  answered,       // valid samples, not yet through selection
  selected,       // a truechimer, combined into the estimate
  falseticker,    // answered, but its interval misses the majority's intersection
  too_distant,    // answered, but its root distance exceeds the maximum: not a candidate
  unresolved,     // the host name did not resolve
  unreachable,    // no reply (timeout or ICMP unreachable)
  rejected,       // replies came, none valid (see last_reject)
  bad_auth,       // a keyed server's replies failed MAC verification; for NTS the unique id or
                  // the authenticator did not verify
  no_key,         // the configured key id is not in the key file
  denied,         // Kiss-o'-Death DENY or RSTR: stop querying
  rate_limited,   // Kiss-o'-Death RATE: back off
  nts_ke_failed,  // NTS: no usable key exchange (refused, closed, no ALPN, bad records)
  certificate_untrusted,  // NTS: the key-exchange server's certificate does not verify
  hostname_mismatch,      // NTS: a trusted certificate for another name or address
  nts_nak,                // NTS: the server refused our cookies (kiss code NTSN)
};

std::string_view to_string(ServerStatus status) noexcept;

struct ServerReport {
  NtpServerSpec server;
  std::string address;  // numeric address actually queried
  ServerStatus status = ServerStatus::unreachable;
  ReplyStatus last_reject = ReplyStatus::ok;
  std::string detail;  // why, in words, when the status needs it (nts_ke_failed and the like)
  int sent = 0;
  int valid = 0;
  FilteredSample filtered;  // meaningful when valid > 0
};

// `nts` keeps the cookies of NTS servers from one query to the next.
std::vector<ServerReport> query_servers(std::span<const NtpServerSpec> servers,
                                        const NtpKeyRing& keys, const NtpQueryOptions& options,
                                        NtsSessions& nts, const std::stop_token& stop = {});
// The same with fresh NTS sessions trusting the system's CAs: one key exchange per NTS server.
std::vector<ServerReport> query_servers(std::span<const NtpServerSpec> servers,
                                        const NtpKeyRing& keys, const NtpQueryOptions& options,
                                        const std::stop_token& stop = {});

// The host clock (CLOCK_REALTIME), whose offset is being measured.
SysNanos host_now() noexcept;

}  // namespace horolog
