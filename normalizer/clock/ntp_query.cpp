// UDP exchanges with NTP servers: one connected socket per server, kernel receive timestamps
// (SO_TIMESTAMPNS) for T4, rounds of requests sent to every server at once.
#include "normalizer/clock/ntp_query.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <ctime>
#include <mutex>
#include <utility>

#include "normalizer/clock/nts_extension_fields.h"
#include "normalizer/clock/nts_ke_records.h"

namespace horolog {
namespace {

using Clock = std::chrono::steady_clock;

class Socket {
 public:
  Socket() = default;
  explicit Socket(int fd) : fd_(fd) {}
  Socket(Socket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Socket& operator=(Socket&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  int fd() const noexcept { return fd_; }

 private:
  int fd_ = -1;
};

struct Exchange {
  ServerReport report;
  Socket socket;
  const NtpKey* key = nullptr;
  bool active = false;   // still part of the burst
  bool waiting = false;  // a request of this round is unanswered
  NtpTimestamp nonce;
  SysNanos t1;
  bool saw_bad_auth = false;
  bool saw_reply = false;
  bool probing = false;       // an unauthenticated probe of a keyed server that never answered
  NtsSession* nts = nullptr;  // an NTS server's keys and cookies
  NtsUniqueId unique_id{};    // of the NTS request in flight
  bool saw_nak = false;
  std::vector<NtpSample> samples;
};

void open_socket(Exchange& ex, const std::string& host, std::uint16_t port_number) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_protocol = IPPROTO_UDP;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(port_number);
  if (getaddrinfo(host.c_str(), port.c_str(), &hints, &found) != 0 || !found) {
    ex.report.status = ServerStatus::unresolved;
    return;
  }
  std::array<char, NI_MAXHOST> numeric{};
  if (getnameinfo(found->ai_addr, found->ai_addrlen, numeric.data(), numeric.size(), nullptr, 0,
                  NI_NUMERICHOST) == 0) {
    ex.report.address = numeric.data();
  }
  Socket s(::socket(found->ai_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_UDP));
  const int on = 1;
  // Connected, so the kernel drops datagrams from any other address and reports ICMP errors.
  const bool ok = s.fd() >= 0 && connect(s.fd(), found->ai_addr, found->ai_addrlen) == 0;
  freeaddrinfo(found);
  if (!ok) {
    ex.report.status = ServerStatus::unreachable;
    return;
  }
  setsockopt(s.fd(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
  ex.socket = std::move(s);
  ex.active = true;
}

void note_ke_failure(ServerReport& report, const NtsKeFailure& failure) {
  switch (failure.kind) {
    case NtsKeFailure::Kind::failed: report.status = ServerStatus::nts_ke_failed; break;
    case NtsKeFailure::Kind::certificate_untrusted:
      report.status = ServerStatus::certificate_untrusted;
      break;
    case NtsKeFailure::Kind::hostname_mismatch:
      report.status = ServerStatus::hostname_mismatch;
      break;
  }
  report.detail = failure.detail;
}

// A session out of cookies (replies lost, or an NTS NAK) exchanges keys again before sending.
void refresh_nts(Exchange& ex, NtsSessions& nts) {
  if (!ex.nts || !ex.nts->cookies.empty()) return;
  auto session = nts.acquire(ex.report.server.host, ex.report.server.port);
  if (!session) {
    note_ke_failure(ex.report, session.error());
    ex.active = false;
  }
}

// The NTS fields of a request: a fresh unique id, one cookie, and placeholders that ask for
// enough new cookies to hold kNtsMaxCookies again.
bool append_nts(Exchange& ex, std::vector<std::uint8_t>& packet) {
  if (!fill_random(ex.unique_id)) return false;
  const std::vector<std::uint8_t> cookie = ex.nts->take_cookie();
  const std::size_t held = std::min(ex.nts->cookies.size(), kNtsMaxCookies - 1);
  return !cookie.empty() && append_nts_request_fields(packet, ex.unique_id, cookie,
                                                      kNtsMaxCookies - 1 - held, ex.nts->c2s);
}

void send_request(Exchange& ex) {
  std::vector<std::uint8_t> packet(kNtpHeaderSize);
  ex.nonce = random_nonce();
  encode_header(make_request(ex.nonce), std::span(packet).first<kNtpHeaderSize>());
  if (ex.key) {
    packet.resize(kNtpHeaderSize + kMaxNtpMacSize);
    packet.resize(kNtpHeaderSize + compute_mac(*ex.key, std::span(packet).first(kNtpHeaderSize),
                                               std::span(packet).subspan(kNtpHeaderSize)));
  }
  if (ex.nts && !append_nts(ex, packet)) {
    ex.waiting = false;
    return;
  }
  const std::size_t length = packet.size();
  ex.t1 = host_now();
  if (::send(ex.socket.fd(), packet.data(), length, 0) == static_cast<ssize_t>(length)) {
    ++ex.report.sent;
    ex.waiting = true;
  } else {
    ex.waiting = false;
  }
}

// An NTS NAK carries no authenticator: it counts when it echoes our unique id, and makes the
// next round exchange keys again. Every other reply, kiss codes included, must be authentic
// (RFC 8915 §5.7) and brings new cookies.
ReplyStatus check_nts(Exchange& ex, std::span<const std::uint8_t> packet, ReplyStatus status) {
  if (status == ReplyStatus::kiss_ntsn) {
    if (!echoes_unique_id(packet, ex.unique_id)) return ReplyStatus::bad_auth;
    ex.nts->cookies.clear();
    ex.saw_nak = true;
    return status;
  }
  auto cookies = open_nts_reply(packet, ex.unique_id, ex.nts->s2c);
  if (!cookies) return ReplyStatus::bad_auth;
  ex.nts->add_cookies(std::move(*cookies));
  return status;
}

void handle_reply(Exchange& ex, std::span<const std::uint8_t> packet, SysNanos t4) {
  if (packet.size() < kNtpHeaderSize) {
    ex.report.last_reject = ReplyStatus::bad_length;
    return;
  }
  const NtpHeader reply = decode_header(packet.first<kNtpHeaderSize>());
  ReplyStatus status = validate_reply(reply, ex.nonce);
  if (status == ReplyStatus::bogus_origin) {
    // A stale answer to an earlier round, or a forgery: keep waiting for the real one.
    ex.report.last_reject = status;
    return;
  }
  if (ex.key && !verify_mac(*ex.key, packet)) status = ReplyStatus::bad_auth;
  if (ex.nts) status = check_nts(ex, packet, status);
  ex.waiting = false;
  ex.saw_reply = true;
  switch (status) {
    case ReplyStatus::ok: {
      const OnWireTimes t{ex.t1, from_ntp(reply.receive, ex.t1), from_ntp(reply.transmit, ex.t1),
                          t4};
      NtpSample sample{on_wire_offset(t), on_wire_delay(t), t4, reply};
      if (sample.delay.count() < 0) {
        ex.report.last_reject = ReplyStatus::zero_timestamp;
        return;
      }
      ex.samples.push_back(sample);
      return;
    }
    case ReplyStatus::kiss_deny:
    case ReplyStatus::kiss_rstr:
      ex.report.status = ServerStatus::denied;
      ex.active = false;
      break;
    case ReplyStatus::kiss_rate:
      ex.report.status = ServerStatus::rate_limited;
      ex.active = false;
      break;
    case ReplyStatus::bad_auth: ex.saw_bad_auth = true; break;
    default: break;
  }
  ex.report.last_reject = status;
}

// Reads every queued datagram of one socket.
void drain(Exchange& ex) {
  // An NTS reply with eight cookies is about 1 KB.
  std::array<std::uint8_t, 2048> buffer{};
  alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(timespec))> control{};
  for (;;) {
    iovec iov{buffer.data(), buffer.size()};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.data();
    msg.msg_controllen = control.size();
    const ssize_t n = recvmsg(ex.socket.fd(), &msg, MSG_DONTWAIT);
    if (n < 0) {
      if (errno == ECONNREFUSED) ex.waiting = false;  // ICMP port unreachable
      return;
    }
    SysNanos t4 = host_now();
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
        timespec ts{};
        std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
        t4 = SysNanos{std::chrono::seconds(ts.tv_sec) + Nanoseconds(ts.tv_nsec)};
      }
    }
    if (ex.waiting) handle_reply(ex, std::span(buffer).first(static_cast<std::size_t>(n)), t4);
  }
}

void await_replies(std::vector<Exchange>& exchanges, Clock::time_point deadline) {
  std::vector<pollfd> fds;
  std::vector<Exchange*> owners;
  for (;;) {
    fds.clear();
    owners.clear();
    for (Exchange& ex : exchanges) {
      if (ex.waiting) {
        fds.push_back({ex.socket.fd(), POLLIN, 0});
        owners.push_back(&ex);
      }
    }
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (fds.empty() || left.count() <= 0) return;
    const int ready = poll(fds.data(), fds.size(), static_cast<int>(left.count()));
    if (ready < 0 && errno != EINTR) return;
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].revents != 0) drain(*owners[i]);
    }
  }
}

// Sleeps until `until`, or less when a stop is requested; false when stopped.
bool sleep_until(Clock::time_point until, const std::stop_token& stop) {
  std::mutex mutex;
  std::condition_variable_any wake;
  std::unique_lock lock(mutex);
  return !wake.wait_until(lock, stop, until, [] { return false; }) && !stop.stop_requested();
}

// chronyd (like ntpd) stays silent to a request whose MAC it cannot verify, which would look
// like an unreachable server. One unauthenticated request tells the two apart: an answer proves
// the server is up and refused our key (bad_auth). That answer is never used as a sample.
void probe_silent_keyed_servers(std::vector<Exchange>& exchanges, const NtpQueryOptions& options,
                                const std::stop_token& stop) {
  bool any = false;
  for (Exchange& ex : exchanges) {
    if (ex.key == nullptr || !ex.active || ex.saw_reply || !ex.samples.empty()) continue;
    ex.key = nullptr;
    ex.probing = true;
    send_request(ex);
    any = true;
  }
  if (!any || stop.stop_requested()) return;
  await_replies(exchanges, Clock::now() + options.timeout);
  for (Exchange& ex : exchanges) {
    if (!ex.probing) continue;
    ex.saw_bad_auth = ex.saw_reply;
    ex.saw_reply = false;
    ex.samples.clear();
  }
}

void finish(Exchange& ex) {
  ServerReport& r = ex.report;
  r.valid = static_cast<int>(ex.samples.size());
  if (!ex.samples.empty()) {
    r.filtered = filter_samples(ex.samples);
    r.status = ServerStatus::answered;
  } else if (r.status == ServerStatus::denied || r.status == ServerStatus::rate_limited ||
             r.status == ServerStatus::unresolved || r.status == ServerStatus::no_key ||
             r.status == ServerStatus::nts_ke_failed ||
             r.status == ServerStatus::certificate_untrusted ||
             r.status == ServerStatus::hostname_mismatch) {
    // Keeps the more specific reason.
  } else if (ex.saw_nak) {
    r.status = ServerStatus::nts_nak;
  } else if (ex.saw_bad_auth) {
    r.status = ServerStatus::bad_auth;
  } else if (ex.saw_reply || r.last_reject == ReplyStatus::bogus_origin) {
    r.status = ServerStatus::rejected;
  } else {
    r.status = ServerStatus::unreachable;
  }
}

}  // namespace

SysNanos host_now() noexcept {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return SysNanos{std::chrono::seconds(ts.tv_sec) + Nanoseconds(ts.tv_nsec)};
}

std::string_view to_string(ServerStatus status) noexcept {
  switch (status) {
    case ServerStatus::answered: return "answered";
    case ServerStatus::selected: return "selected";
    case ServerStatus::falseticker: return "falseticker";
    case ServerStatus::too_distant: return "too_distant";
    case ServerStatus::unresolved: return "unresolved";
    case ServerStatus::unreachable: return "unreachable";
    case ServerStatus::rejected: return "rejected";
    case ServerStatus::bad_auth: return "bad_auth";
    case ServerStatus::no_key: return "no_key";
    case ServerStatus::denied: return "denied";
    case ServerStatus::rate_limited: return "rate_limited";
    case ServerStatus::nts_ke_failed: return "nts_ke_failed";
    case ServerStatus::certificate_untrusted: return "certificate_untrusted";
    case ServerStatus::hostname_mismatch: return "hostname_mismatch";
    case ServerStatus::nts_nak: return "nts_nak";
  }
  return "unknown";
}

std::vector<ServerReport> query_servers(std::span<const NtpServerSpec> servers,
                                        const NtpKeyRing& keys, const NtpQueryOptions& options,
                                        const std::stop_token& stop) {
  NtsSessions nts;
  return query_servers(servers, keys, options, nts, stop);
}

std::vector<ServerReport> query_servers(std::span<const NtpServerSpec> servers,
                                        const NtpKeyRing& keys, const NtpQueryOptions& options,
                                        NtsSessions& nts, const std::stop_token& stop) {
  std::vector<Exchange> exchanges(servers.size());
  for (std::size_t i = 0; i < servers.size(); ++i) {
    Exchange& ex = exchanges[i];
    ex.report.server = servers[i];
    if (servers[i].key_id != 0) {
      ex.key = keys.find(servers[i].key_id);
      if (!ex.key) {
        ex.report.status = ServerStatus::no_key;
        continue;
      }
    }
    if (servers[i].nts) {
      auto session = nts.acquire(servers[i].host, servers[i].port);
      if (!session) {
        note_ke_failure(ex.report, session.error());
        continue;
      }
      ex.nts = *session;
      open_socket(ex, ex.nts->ntp_host, ex.nts->ntp_port);
      continue;
    }
    open_socket(ex, servers[i].host, servers[i].port);
  }
  for (int round = 0; round < options.samples; ++round) {
    const Clock::time_point start = Clock::now();
    bool any = false;
    for (Exchange& ex : exchanges) {
      refresh_nts(ex, nts);
      if (ex.active) {
        send_request(ex);
        any = true;
      }
    }
    if (!any) break;
    await_replies(exchanges, start + options.timeout);
    for (Exchange& ex : exchanges) ex.waiting = false;
    if (round + 1 < options.samples && !sleep_until(start + options.sample_interval, stop)) break;
  }
  probe_silent_keyed_servers(exchanges, options, stop);
  std::vector<ServerReport> reports;
  reports.reserve(exchanges.size());
  for (Exchange& ex : exchanges) {
    finish(ex);
    reports.push_back(std::move(ex.report));
  }
  return reports;
}

}  // namespace horolog
