// The legacy ntpd imitation: packet layouts of ntpd 4.2.6 (ntp_request.h, ntp_control.c).
#include "legacy_ntpd.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <vector>

#include "normalizer/clock/ntp_packet.h"
#include "normalizer/clock/ntp_query.h"

namespace horolog::test {
namespace {

using Bytes = std::vector<std::uint8_t>;

void put16(Bytes& p, std::size_t at, std::uint16_t v) {
  p[at] = static_cast<std::uint8_t>(v >> 8);
  p[at + 1] = static_cast<std::uint8_t>(v);
}

void put32(Bytes& p, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i)
    p[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}

Bytes time_reply(std::span<const std::uint8_t> request, const LegacyNtpdBehaviour& b) {
  const NtpHeader asked = decode_header(request.first<kNtpHeaderSize>());
  NtpHeader h;
  h.leap = b.unsynchronized ? 3 : 0;
  h.version = asked.version;
  h.mode = static_cast<std::uint8_t>(NtpMode::server);
  h.stratum = b.unsynchronized ? 16 : 2;
  h.precision = -20;
  h.root_delay = to_ntp_short(std::chrono::milliseconds(12));
  h.root_dispersion = to_ntp_short(std::chrono::milliseconds(30));
  h.reference_id = 0xC0000201;  // 192.0.2.1
  const NtpTimestamp now = to_ntp(host_now());
  h.reference = now;
  h.origin = asked.transmit;
  h.receive = now;
  h.transmit = now;
  Bytes out(kNtpHeaderSize);
  encode_header(h, std::span(out).first<kNtpHeaderSize>());
  return out;
}

std::vector<Bytes> control_replies(std::span<const std::uint8_t> request,
                                   const LegacyNtpdBehaviour& b) {
  const std::uint8_t opcode = request[1] & 0x1f;
  const std::uint16_t sequence = static_cast<std::uint16_t>((request[2] << 8) | request[3]);
  std::string data;
  bool error = false;
  if (opcode == 2) {
    data = "version=\"" + b.version +
           "\", processor=\"x86_64\", system=\"Linux/3.2.0-4-amd64\", leap=00, stratum=2,\r\n"
           "precision=-20, rootdelay=12.000, rootdisp=30.000, refid=192.0.2.1,\r\n"
           "reftime=d5a0c5b1.12345678  Mon, Jul 22 2013 17:30:51.071, peer=1234, tc=10, "
           "mintc=3,\r\noffset=0.123, frequency=1.234, sys_jitter=0.100, clk_jitter=0.200,\r\n"
           "clk_wander=0.010";
  } else if (opcode == 1) {
    data = std::string("\x04\xd2\x96\x14\x04\xd3\x90\x14\x04\xd4\x90\x14", 12);  // 3 peers
  } else {
    error = true;  // 4.2.6 knows no nonce or MRU: CERR_BADOP
  }
  std::vector<Bytes> out;
  const std::size_t step = std::max<std::size_t>(b.control_fragment, 4);
  for (std::size_t offset = 0; offset < data.size() || (offset == 0 && data.empty());
       offset += step) {
    const std::size_t count = std::min(step, data.size() - offset);
    Bytes p((12 + count + 3) & ~std::size_t{3}, 0);
    p[0] = static_cast<std::uint8_t>(request[0] & 0x38) | 6;
    const bool more = offset + count < data.size();
    p[1] = static_cast<std::uint8_t>(0x80 | (error ? 0x40 : 0) | (more ? 0x20 : 0) | opcode);
    put16(p, 2, sequence);
    put16(p, 4, error ? 0x0400 : 0x0615);
    put16(p, 8, static_cast<std::uint16_t>(offset));
    put16(p, 10, static_cast<std::uint16_t>(count));
    std::copy_n(data.begin() + static_cast<std::ptrdiff_t>(offset), count, p.begin() + 12);
    out.push_back(std::move(p));
    if (data.empty()) break;
  }
  std::reverse(out.begin(), out.end());  // the client must place fragments by offset
  return out;
}

std::vector<Bytes> monlist_replies(std::span<const std::uint8_t> request,
                                   const LegacyNtpdBehaviour& b) {
  constexpr std::size_t kEntry = 72;
  constexpr int kPerPacket = 6;  // 500 data bytes / 72 (RESP_DATA_SIZE in ntpd 4.2.6)
  std::vector<Bytes> out;
  if (b.monlist_error) {
    Bytes p(8, 0);
    p[0] = 0x80 | (request[0] & 0x38) | 7;
    p[2] = request[2];
    p[3] = request[3];
    p[4] = 2 << 4;  // INFO_ERR_REQ
    out.push_back(std::move(p));
    return out;
  }
  int sent = 0;
  std::uint8_t sequence = 0;
  while (sent < b.monlist_entries) {
    const int items = std::min(kPerPacket, b.monlist_entries - sent);
    Bytes p(8 + kEntry * static_cast<std::size_t>(items), 0);
    const bool more = sent + items < b.monlist_entries;
    p[0] = static_cast<std::uint8_t>(0x80 | (more ? 0x40 : 0) | (request[0] & 0x38) | 7);
    p[1] = sequence++;
    p[2] = request[2];
    p[3] = request[3];
    put16(p, 4, static_cast<std::uint16_t>(items));
    put16(p, 6, kEntry);
    for (int i = 0; i < items; ++i) {
      const std::size_t at = 8 + kEntry * static_cast<std::size_t>(i);
      put32(p, at + 12, 100 + static_cast<std::uint32_t>(sent + i));         // count
      put32(p, at + 16, 0xC6336400 + static_cast<std::uint32_t>(sent + i));  // 198.51.100.x
      put32(p, at + 20, 0x7f000001);
      p[at + 30] = 3;  // mode
      p[at + 31] = 4;  // version
    }
    out.push_back(std::move(p));
    sent += items;
  }
  return out;
}

}  // namespace

LegacyNtpd::LegacyNtpd(LegacyNtpdBehaviour behaviour) : behaviour_(std::move(behaviour)) {
  fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (fd_ >= 0 && ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
    port_ = ntohs(a.sin_port);
  }
  thread_ = std::jthread([this](const std::stop_token& stop) { serve(stop); });
}

LegacyNtpd::~LegacyNtpd() {
  thread_.request_stop();
  thread_.join();
  if (fd_ >= 0) ::close(fd_);
}

void LegacyNtpd::serve(const std::stop_token& stop) {
  std::array<std::uint8_t, 2048> buffer{};
  while (!stop.stop_requested()) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    sockaddr_storage from{};
    socklen_t from_len = sizeof from;
    const ssize_t n = ::recvfrom(fd_, buffer.data(), buffer.size(), 0,
                                 reinterpret_cast<sockaddr*>(&from), &from_len);
    if (n < 1) continue;
    const std::span<const std::uint8_t> request(buffer.data(), static_cast<std::size_t>(n));
    std::vector<Bytes> replies;
    switch (request[0] & 7) {
      case 3:
        ++time_requests_;
        if (behaviour_.answer_time && request.size() >= kNtpHeaderSize) {
          replies.push_back(time_reply(request, behaviour_));
        }
        break;
      case 6:
        if (behaviour_.control && request.size() >= 12) {
          replies = control_replies(request, behaviour_);
        }
        break;
      case 7:
        if (request.size() >= 8 && request[2] == 3 && request[3] == 42) {
          ++monlist_requests_;
          if (behaviour_.monlist_entries > 0) replies = monlist_replies(request, behaviour_);
        }
        break;
      default: break;
    }
    for (const Bytes& reply : replies) {
      ::sendto(fd_, reply.data(), reply.size(), 0, reinterpret_cast<sockaddr*>(&from), from_len);
    }
  }
}

}  // namespace horolog::test
