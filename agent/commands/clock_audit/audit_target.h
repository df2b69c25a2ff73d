// One audited server: HOST[:PORT] resolved once to the one address every probe contacts, and the
// connected UDP socket the mode 3, 6 and 7 probes talk through, with deadlines.
#pragma once

#include <sys/socket.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "normalizer/error.h"

namespace horolog::audit {

using ProbeClock = std::chrono::steady_clock;

struct AuditTarget {
  std::string name;  // host:port or [v6]:port, for reports
  std::string host;  // as given, without brackets (the TLS name for NTS-KE)
  std::uint16_t port = 123;
  std::string address;  // numeric
  sockaddr_storage socket_address{};
  socklen_t socket_address_length = 0;

  // The same address on another port (NTS-KE's TCP port).
  sockaddr_storage with_port(std::uint16_t other_port) const noexcept;
};

// invalid_argument for a malformed HOST[:PORT], not_found when the name does not resolve.
Result<AuditTarget> resolve_target(std::string_view text);

// Connected, so the kernel drops datagrams from other addresses and reports ICMP errors.
class UdpExchange {
 public:
  static Result<UdpExchange> open(const AuditTarget& target);
  UdpExchange(UdpExchange&& other) noexcept;
  UdpExchange& operator=(UdpExchange&& other) noexcept;
  UdpExchange(const UdpExchange&) = delete;
  UdpExchange& operator=(const UdpExchange&) = delete;
  ~UdpExchange();

  bool send(std::span<const std::uint8_t> packet) noexcept;
  // The next datagram before `deadline` (a view valid until the next call); nullopt at the
  // deadline, or at once when the server's port is unreachable (then refused() is true).
  std::optional<std::span<const std::uint8_t>> receive(ProbeClock::time_point deadline) noexcept;
  bool refused() const noexcept { return refused_; }

 private:
  explicit UdpExchange(int fd) : fd_(fd) {}
  int fd_ = -1;
  bool refused_ = false;
  std::array<std::uint8_t, 2048> buffer_{};
};

}  // namespace horolog::audit
