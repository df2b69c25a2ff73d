// Two UDP sockets and a poll loop: requests from the client go out changed, replies go back as
// they came.
#include "tampering_relay.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>

namespace horolog::test {

TamperingRelay::TamperingRelay(const std::string& listen_address, std::uint16_t port,
                               std::uint16_t server_port, Tamper what, std::size_t offset)
    : server_side_(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)),
      server_port_(server_port),
      what_(what),
      offset_(offset) {
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  inet_pton(AF_INET, listen_address.c_str(), &a.sin_addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return;
  }
  client_side_ = fd;
  thread_ = std::jthread([this](const std::stop_token& stop) { run(stop); });
}

TamperingRelay::~TamperingRelay() {
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();
  }
  if (client_side_ >= 0) ::close(client_side_);
  ::close(server_side_);
}

void TamperingRelay::run(const std::stop_token& stop) {
  sockaddr_in server{};
  server.sin_family = AF_INET;
  server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  server.sin_port = htons(server_port_);
  sockaddr_in client{};
  std::array<unsigned char, 4096> buffer{};
  while (!stop.stop_requested()) {
    std::array<pollfd, 2> fds{{{client_side_, POLLIN, 0}, {server_side_, POLLIN, 0}}};
    if (::poll(fds.data(), fds.size(), 50) <= 0) continue;
    if (fds[0].revents & POLLIN) {
      socklen_t length = sizeof client;
      const ssize_t n = ::recvfrom(client_side_, buffer.data(), buffer.size(), 0,
                                   reinterpret_cast<sockaddr*>(&client), &length);
      if (n > 0) {
        if (what_ == Tamper::requests && static_cast<std::size_t>(n) > offset_) {
          buffer[offset_] ^= 0xff;
          ++tampered_;
        }
        ::sendto(server_side_, buffer.data(), static_cast<std::size_t>(n), 0,
                 reinterpret_cast<sockaddr*>(&server), sizeof server);
      }
    }
    if (fds[1].revents & POLLIN) {
      const ssize_t n = ::recv(server_side_, buffer.data(), buffer.size(), 0);
      if (n > 0) {
        if (what_ == Tamper::replies && static_cast<std::size_t>(n) > offset_) {
          buffer[offset_] ^= 0xff;
          ++tampered_;
        }
        ::sendto(client_side_, buffer.data(), static_cast<std::size_t>(n), 0,
                 reinterpret_cast<sockaddr*>(&client), sizeof client);
      }
    }
  }
}

}  // namespace horolog::test
