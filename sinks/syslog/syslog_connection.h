// One connection of the syslog sink to one receiver: a TCP stream (with TLS when asked) or a
// connected UDP socket. Blocking sends and receives bounded by timeouts; the engine's thread owns
// it.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "normalizer/error.h"
#include "sinks/syslog/syslog_address.h"
#include "sinks/syslog/syslog_tls.h"

namespace horolog {

class SyslogConnection {
 public:
  using Duration = std::chrono::nanoseconds;

  SyslogConnection() = default;
  ~SyslogConnection() { close(); }
  SyslogConnection(const SyslogConnection&) = delete;
  SyslogConnection& operator=(const SyslogConnection&) = delete;

  // Connects to the first of the address's resolved addresses that answers within `timeout`;
  // `datagram` for UDP; a TLS handshake follows when `tls` is not null (the certificate must name
  // `tls_name`). Sends and receives then wait at most `io_timeout`.
  Result<void> open(const SyslogAddress& address, bool datagram, const SyslogTls* tls,
                    const std::string& tls_name, Duration timeout, Duration io_timeout);
  void close() noexcept;
  bool is_open() const noexcept { return fd_ >= 0; }

  // Writes all of `data` to the stream; an error means the connection is broken.
  Result<void> send_all(std::string_view data);
  // Sends one datagram. A refused datagram (nobody listens: ICMP) is an error too.
  Result<void> send_datagram(std::string_view data);
  // Appends what arrives to `out`, waiting at most `timeout` for the first byte; 0 bytes on a
  // timeout; an error when the peer closed the connection or it failed.
  Result<std::size_t> receive(std::string& out, Duration timeout);
  // Bytes written that the peer's TCP has not acknowledged yet (SIOCOUTQ); 0 when unknown.
  std::size_t unacknowledged_bytes() const noexcept;
  // True when the peer closed its side or the connection failed, seen without waiting.
  bool broken() const noexcept;

 private:
  int fd_ = -1;
  SslPtr ssl_;
};

}  // namespace horolog
