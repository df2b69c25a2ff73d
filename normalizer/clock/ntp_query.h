// The NTP client on the wire: resolves servers, sends bursts of requests over UDP (IPv4 and
// IPv6) to all servers in parallel, validates and authenticates replies, and filters each
// server's samples. Blocking; run it off the hot path (ClockMonitor's thread, the CLI).
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

namespace horolog {

struct NtpQueryOptions {
  int samples = 4;
  // How long to wait for the replies of one round.
  Nanoseconds timeout = std::chrono::seconds(1);
  // Spacing of the requests to one server (chrony's iburst uses 2 s).
  Nanoseconds sample_interval = std::chrono::seconds(2);
};

enum class ServerStatus : std::uint8_t {
  answered,      // valid samples, not yet through selection
  selected,      // a truechimer, combined into the estimate
  falseticker,   // answered, but its interval misses the majority's intersection
  too_distant,   // answered, but its root distance exceeds the maximum: not a candidate
  unresolved,    // the host name did not resolve
  unreachable,   // no reply (timeout or ICMP unreachable)
  rejected,      // replies came, none valid (see last_reject)
  bad_auth,      // a keyed server's replies failed MAC verification
  no_key,        // the configured key id is not in the key file
  denied,        // Kiss-o'-Death DENY or RSTR: stop querying
  rate_limited,  // Kiss-o'-Death RATE: back off
};

std::string_view to_string(ServerStatus status) noexcept;

struct ServerReport {
  NtpServerSpec server;
  std::string address;  // numeric address actually queried
  ServerStatus status = ServerStatus::unreachable;
  ReplyStatus last_reject = ReplyStatus::ok;
  int sent = 0;
  int valid = 0;
  FilteredSample filtered;  // meaningful when valid > 0
};

std::vector<ServerReport> query_servers(std::span<const NtpServerSpec> servers,
                                        const NtpKeyRing& keys, const NtpQueryOptions& options,
                                        const std::stop_token& stop = {});

// The host clock (CLOCK_REALTIME), whose offset is being measured.
SysNanos host_now() noexcept;

}  // namespace horolog
