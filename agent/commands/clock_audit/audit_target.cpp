// Name resolution (first address getaddrinfo gives, IPv4 or IPv6) and the probes' UDP socket.
#include "agent/commands/clock_audit/audit_target.h"

#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "normalizer/clock/clock_options.h"

namespace horolog::audit {

sockaddr_storage AuditTarget::with_port(std::uint16_t other_port) const noexcept {
  sockaddr_storage out = socket_address;
  if (out.ss_family == AF_INET6) {
    reinterpret_cast<sockaddr_in6*>(&out)->sin6_port = htons(other_port);
  } else {
    reinterpret_cast<sockaddr_in*>(&out)->sin_port = htons(other_port);
  }
  return out;
}

Result<AuditTarget> resolve_target(std::string_view text) {
  const std::optional<ServerAddress> parsed = parse_server_address(text);
  if (!parsed || parsed->host.empty()) {
    return fail(ErrorCode::invalid_argument,
                "bad server `" + std::string(text) + "` (expected HOST, HOST:PORT or [IPv6]:PORT)");
  }
  AuditTarget target;
  target.host = std::string(parsed->host);
  target.port = parsed->port;
  const bool v6 = target.host.find(':') != std::string::npos;
  target.name = (v6 ? "[" + target.host + "]" : target.host) + ":" + std::to_string(target.port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(target.port);
  const int rc = getaddrinfo(target.host.c_str(), port.c_str(), &hints, &found);
  if (rc != 0 || found == nullptr) {
    return fail(ErrorCode::not_found, target.host + " does not resolve: " + gai_strerror(rc));
  }
  std::memcpy(&target.socket_address, found->ai_addr, found->ai_addrlen);
  target.socket_address_length = found->ai_addrlen;
  std::array<char, NI_MAXHOST> numeric{};
  if (getnameinfo(found->ai_addr, found->ai_addrlen, numeric.data(), numeric.size(), nullptr, 0,
                  NI_NUMERICHOST) == 0) {
    target.address = numeric.data();
  }
  freeaddrinfo(found);
  return target;
}

Result<UdpExchange> UdpExchange::open(const AuditTarget& target) {
  const int fd = ::socket(target.socket_address.ss_family,
                          SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_UDP);
  if (fd < 0) return fail(Error::from_errno(errno, "socket"));
  UdpExchange exchange(fd);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&target.socket_address),
                target.socket_address_length) != 0) {
    return fail(Error::from_errno(errno, "connect to " + target.name));
  }
  return exchange;
}

UdpExchange::UdpExchange(UdpExchange&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), refused_(other.refused_) {}

UdpExchange& UdpExchange::operator=(UdpExchange&& other) noexcept {
  std::swap(fd_, other.fd_);
  refused_ = other.refused_;
  return *this;
}

UdpExchange::~UdpExchange() {
  if (fd_ >= 0) ::close(fd_);
}

bool UdpExchange::send(std::span<const std::uint8_t> packet) noexcept {
  return ::send(fd_, packet.data(), packet.size(), 0) == static_cast<ssize_t>(packet.size());
}

std::optional<std::span<const std::uint8_t>> UdpExchange::receive(
    ProbeClock::time_point deadline) noexcept {
  for (;;) {
    const ssize_t n = ::recv(fd_, buffer_.data(), buffer_.size(), MSG_DONTWAIT);
    if (n >= 0) return std::span<const std::uint8_t>(buffer_.data(), static_cast<std::size_t>(n));
    if (errno == ECONNREFUSED) {
      refused_ = true;
      return std::nullopt;
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return std::nullopt;
    const auto left =
        std::chrono::ceil<std::chrono::milliseconds>(deadline - ProbeClock::now()).count();
    if (left <= 0) return std::nullopt;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) < 0 && errno != EINTR) return std::nullopt;
  }
}

}  // namespace horolog::audit
