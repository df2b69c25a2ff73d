// The scripted loopback NTP server's receive/answer loop.
#include "fake_ntp_server.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>

#include "normalizer/clock/ntp_query.h"

namespace horolog::test {

FakeNtpServer::FakeNtpServer(FakeNtpBehaviour behaviour) : behaviour_(std::move(behaviour)) {
  fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
    port_ = ntohs(a.sin_port);
  }
  thread_ = std::jthread([this](std::stop_token stop) { serve(stop); });
}

FakeNtpServer::~FakeNtpServer() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
  ::close(fd_);
}

void FakeNtpServer::serve(std::stop_token stop) {
  std::array<std::uint8_t, 512> in{};
  std::array<std::uint8_t, kNtpHeaderSize + kMaxNtpMacSize> out{};
  while (!stop.stop_requested()) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 20) <= 0) continue;
    sockaddr_storage from{};
    socklen_t from_len = sizeof from;
    const ssize_t n =
        ::recvfrom(fd_, in.data(), in.size(), 0, reinterpret_cast<sockaddr*>(&from), &from_len);
    if (n < static_cast<ssize_t>(kNtpHeaderSize)) continue;
    ++requests_;
    const NtpHeader request = decode_header(std::span(in).first<kNtpHeaderSize>());
    const Nanoseconds offset{offset_ns_.load()};
    NtpHeader reply;
    reply.version = request.version;
    reply.mode = 4;
    reply.stratum = 2;
    reply.precision = -20;
    reply.reference_id = 0x7f7f0101u;
    reply.origin = request.transmit;
    reply.receive = to_ntp(host_now() + offset);
    reply.reference = reply.receive;
    reply.transmit = to_ntp(host_now() + offset);
    if (behaviour_.spoil) behaviour_.spoil(reply);
    encode_header(reply, std::span(out).first<kNtpHeaderSize>());
    std::size_t length = kNtpHeaderSize;
    if (behaviour_.key) {
      length += compute_mac(*behaviour_.key, std::span(out).first(kNtpHeaderSize),
                            std::span(out).subspan(kNtpHeaderSize));
      if (behaviour_.corrupt_mac) out[length - 1] ^= 1;
    }
    ::sendto(fd_, out.data(), length, 0, reinterpret_cast<sockaddr*>(&from), from_len);
  }
}

}  // namespace horolog::test
