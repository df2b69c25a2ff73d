// Connects non-blocking (so connect_timeout holds), then switches to blocking I/O with socket
// timeouts: OpenSSL's blocking calls then need no loop of their own around WANT_READ/WRITE.
#include "sinks/syslog/syslog_connection.h"

#include <fcntl.h>
#include <linux/sockios.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

namespace horolog {

namespace {

struct AddrInfoDeleter {
  void operator()(addrinfo* info) const noexcept { freeaddrinfo(info); }
};

int to_ms(SyslogConnection::Duration d) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  return static_cast<int>(std::clamp<long long>(ms, 0, 1 << 30));
}

timeval to_timeval(SyslogConnection::Duration d) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
  return {static_cast<time_t>(us / 1000000), static_cast<suseconds_t>(us % 1000000)};
}

// Connects `fd` within `timeout`; an errno value, 0 on success.
int connect_within(int fd, const addrinfo& ai, SyslogConnection::Duration timeout) {
  const int flags = fcntl(fd, F_GETFL);
  fcntl(fd, F_SETFL, flags | O_NONBLOCK);
  int err = 0;
  if (::connect(fd, ai.ai_addr, ai.ai_addrlen) != 0) {
    err = errno;
    if (err == EINPROGRESS) {
      pollfd pfd{fd, POLLOUT, 0};
      int n;
      while ((n = ::poll(&pfd, 1, to_ms(timeout))) < 0 && errno == EINTR) {
      }
      if (n == 0) {
        err = ETIMEDOUT;
      } else {
        socklen_t len = sizeof err;
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
      }
    }
  }
  fcntl(fd, F_SETFL, flags);
  return err;
}

}  // namespace

Result<void> SyslogConnection::open(const SyslogAddress& address, bool datagram,
                                    const SyslogTls* tls, const std::string& tls_name,
                                    Duration timeout, Duration io_timeout) {
  close();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = datagram ? SOCK_DGRAM : SOCK_STREAM;
  addrinfo* found = nullptr;
  if (const int rc = getaddrinfo(address.host.c_str(), address.port.c_str(), &hints, &found);
      rc != 0) {
    return fail(ErrorCode::io, address.text + ": " + gai_strerror(rc));
  }
  const std::unique_ptr<addrinfo, AddrInfoDeleter> list(found);
  int err = ECONNREFUSED;
  for (const addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
    const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) {
      err = errno;
      continue;
    }
    err = connect_within(fd, *ai, timeout);
    if (err == 0) {
      fd_ = fd;
      break;
    }
    ::close(fd);
  }
  if (fd_ < 0) return fail(Error::from_errno(err, address.text));
  if (!datagram) {
    const int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(fd_, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
  }
  const timeval handshake = to_timeval(timeout);
  setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &handshake, sizeof handshake);
  setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &handshake, sizeof handshake);
  if (tls != nullptr) {
    Result<SslPtr> ssl =
        tls->handshake(fd_, tls_name.empty() ? address.host : tls_name,
                       std::chrono::duration_cast<std::chrono::milliseconds>(timeout));
    if (!ssl) {
      close();
      return fail(ssl.error().within(address.text));
    }
    ssl_ = std::move(*ssl);
  }
  const timeval io = to_timeval(io_timeout);
  setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &io, sizeof io);
  setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &io, sizeof io);
  return {};
}

void SyslogConnection::close() noexcept {
  // No close_notify: the connection is closed because it failed or the sink stops, and a
  // receiver waiting for one would only hold the close up.
  ssl_.reset();
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

Result<void> SyslogConnection::send_all(std::string_view data) {
  while (!data.empty()) {
    ssize_t n;
    if (ssl_) {
      std::size_t written = 0;
      n = SSL_write_ex(ssl_.get(), data.data(), data.size(), &written) == 1
              ? static_cast<ssize_t>(written)
              : -1;
      if (n < 0 && SSL_get_error(ssl_.get(), 0) == SSL_ERROR_SYSCALL && ERR_peek_error() == 0) {
        // The socket failed under OpenSSL (a reset, a timeout): errno says why, its queue not.
        return fail(Error::from_errno(errno == EAGAIN ? ETIMEDOUT : errno, "TLS write"));
      }
      if (n < 0) return fail(ErrorCode::io, "TLS write: " + openssl_error_text());
    } else {
      n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return fail(Error::from_errno(errno == EAGAIN ? ETIMEDOUT : errno, "send"));
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

Result<void> SyslogConnection::send_datagram(std::string_view data) {
  for (;;) {
    if (::send(fd_, data.data(), data.size(), MSG_NOSIGNAL) >= 0) return {};
    if (errno != EINTR) return fail(Error::from_errno(errno, "send"));
  }
}

Result<std::size_t> SyslogConnection::receive(std::string& out, Duration timeout) {
  if (!ssl_ || SSL_pending(ssl_.get()) == 0) {
    pollfd pfd{fd_, POLLIN, 0};
    const int n = ::poll(&pfd, 1, to_ms(timeout));
    if (n == 0 || (n < 0 && errno == EINTR)) return 0;
    if (n < 0) return fail(Error::from_errno(errno, "poll"));
  }
  char buffer[16384];
  ssize_t n;
  if (ssl_) {
    std::size_t read = 0;
    if (SSL_read_ex(ssl_.get(), buffer, sizeof buffer, &read) != 1) {
      return fail(ErrorCode::io, "the receiver closed the TLS connection");
    }
    n = static_cast<ssize_t>(read);
  } else {
    while ((n = ::recv(fd_, buffer, sizeof buffer, 0)) < 0 && errno == EINTR) {
    }
    if (n < 0) return fail(Error::from_errno(errno, "recv"));
    if (n == 0) return fail(ErrorCode::io, "the receiver closed the connection");
  }
  out.append(buffer, static_cast<std::size_t>(n));
  return static_cast<std::size_t>(n);
}

std::size_t SyslogConnection::unacknowledged_bytes() const noexcept {
  int queued = 0;
  if (ioctl(fd_, SIOCOUTQ, &queued) != 0 || queued < 0) return 0;
  return static_cast<std::size_t>(queued);
}

bool SyslogConnection::broken() const noexcept {
  pollfd pfd{fd_, POLLIN | POLLRDHUP, 0};
  if (::poll(&pfd, 1, 0) <= 0) return false;
  if ((pfd.revents & (POLLERR | POLLHUP | POLLRDHUP)) != 0) return true;
  // Readable with nothing to read: the peer closed (a syslog receiver never sends on TCP).
  char byte;
  return ::recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

}  // namespace horolog
