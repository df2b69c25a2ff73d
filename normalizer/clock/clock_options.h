// Options of the clock monitor (`clock:` in the config): which NTP servers to ask, how often,
// the keys or NTS that authenticate them and when to trust them; declared once for decoding and for
// the reference.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/option_types.h"

namespace horolog {

inline constexpr std::uint16_t kNtpPort = 123;

struct ServerAddress {
  std::string_view host;  // name, IPv4 or IPv6 (without brackets)
  std::uint16_t port = kNtpPort;
  bool port_given = false;  // false: `port` is the default, which NTS replaces by its own
};

// Splits HOST, HOST:PORT, [IPv6]:PORT, [IPv6] or a bare IPv6 address; nullopt when malformed.
inline std::optional<ServerAddress> parse_server_address(std::string_view text) noexcept {
  ServerAddress address;
  std::string_view port;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    address.host = text.substr(1, close - 1);
    const std::string_view rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':' || rest.size() == 1) return std::nullopt;
      port = rest.substr(1);
    }
  } else {
    const auto colon = text.find(':');
    const bool bare_ipv6 =
        colon != std::string_view::npos && text.find(':', colon + 1) != std::string_view::npos;
    if (colon == std::string_view::npos || bare_ipv6) {
      address.host = text;
    } else {
      address.host = text.substr(0, colon);
      port = text.substr(colon + 1);
      if (port.empty()) return std::nullopt;
    }
  }
  if (address.host.empty()) return std::nullopt;
  for (char c : address.host) {
    if (c == ' ' || c == '\t' || c == '/' || c == '[' || c == ']' || c == '@') return std::nullopt;
  }
  if (!port.empty()) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535) {
      return std::nullopt;
    }
    address.port = static_cast<std::uint16_t>(value);
    address.port_given = true;
  }
  return address;
}

struct ClockServerOptions {
  // In YAML a server is usually just its address: "ntp1:123" means {address: "ntp1:123"}.
  static constexpr std::string_view kScalarKey = "address";

  std::string address;
  std::int64_t key = 0;  // 0 = unauthenticated
  bool nts = false;

  template <class V>
  void describe(V& v) {
    v("address", address,
      "NTP server: HOST, HOST:PORT or [IPv6]:PORT (port 123 when omitted); with `nts: true` "
      "the NTS-KE server (port 4460 when omitted), which names the NTP server and port");
    v.check("address", parse_server_address(address).has_value(),
            "expected HOST, HOST:PORT or [IPv6]:PORT");
    v("key", key,
      "ID of the symmetric key (from clock.key_file) that authenticates this server; 0 = none");
    v.check("key", key >= 0 && key <= 0xFFFFFFFF, "a key ID is between 1 and 4294967295");
    v("nts", nts,
      "Authenticate this server with NTS (RFC 8915): keys and cookies from a TLS key exchange; "
      "its certificate must verify (see clock.nts_ca_file)");
    // Both would mean two authentications of one reply: NTS replaces the symmetric key.
    v.check("key", !nts || key == 0, "a server with `nts: true` cannot also have a `key`");
  }
};

struct ClockOptions {
  // NTP pool guidance: use four pool servers collectively; no one source is authoritative.
  std::vector<ClockServerOptions> servers = {
      {"0.pool.ntp.org"}, {"1.pool.ntp.org"}, {"2.pool.ntp.org"}, {"3.pool.ntp.org"}};
  config::Duration poll_interval = std::chrono::seconds(64);
  std::int64_t samples = 4;
  std::string key_file;
  std::string nts_ca_file;
  config::Duration max_distance = std::chrono::seconds(16);
  std::int64_t min_agreeing = 0;  // 0: automatic, see required_agreeing()

  // Pool guidance again: one server alone cannot be outvoted, so with several configured at
  // least two must agree; with one configured there is nothing else to ask.
  int required_agreeing() const noexcept {
    if (min_agreeing > 0) return static_cast<int>(min_agreeing);
    return servers.size() > 1 ? 2 : 1;
  }

  template <class V>
  void describe(V& v) {
    v("servers", servers,
      "NTP servers to measure the host clock against (default: four pool.ntp.org servers); "
      "`[]` = none (the kernel's own estimate is used)");
    v("poll_interval", poll_interval, "Time between two measurements");
    v.check("poll_interval", poll_interval >= std::chrono::seconds(1), "must be at least 1s");
    v("samples", samples, "Queries per server and poll; the one with the lowest delay is kept");
    v.check("samples", samples >= 1 && samples <= 16, "must be between 1 and 16");
    v("key_file", key_file, "Symmetric keys in chrony's format (`ID TYPE KEY` per line)");
    bool keys_needed = false;
    for (const ClockServerOptions& server : servers) keys_needed = keys_needed || server.key != 0;
    v.check("key_file", !keys_needed || !key_file.empty(), "servers with a `key` need a key_file");
    v("nts_ca_file", nts_ca_file,
      "CA certificates (PEM) that NTS-KE servers' certificates must chain to, for a private CA; "
      "empty: the system's CAs");
    v("max_distance", max_distance,
      "Root distance (half the round trip to the server's reference clock plus every "
      "dispersion and jitter) above which a server is not a candidate (RFC 5905 MAXDIST); it "
      "shows as `too_distant`");
    v.check("max_distance", max_distance > config::Duration::zero(), "must be more than 0s");
    v("min_agreeing", min_agreeing,
      "Servers that must agree (survive the intersection step) for a trustworthy estimate; "
      "0 = automatic: 2 when more than one server is configured, 1 when one is");
    v.check("min_agreeing",
            min_agreeing >= 0 && min_agreeing <= static_cast<std::int64_t>(servers.size()),
            "must be between 1 and the number of servers (" + std::to_string(servers.size()) +
                "), or 0 for automatic");
  }
};

}  // namespace horolog
