// The TLS client side of the syslog sink on OpenSSL: one context per sink (CA, client certificate,
// TLS 1.2 at least), and per connection a handshake that checks the receiver's name and sends SNI.
#pragma once

#include <openssl/ssl.h>

#include <chrono>
#include <memory>
#include <string>

#include "normalizer/error.h"

namespace horolog {

struct SslDeleter {
  void operator()(SSL* ssl) const noexcept { SSL_free(ssl); }
  void operator()(SSL_CTX* ctx) const noexcept { SSL_CTX_free(ctx); }
};
using SslPtr = std::unique_ptr<SSL, SslDeleter>;

class SyslogTls {
 public:
  // invalid_config when a file cannot be loaded or the key does not match the certificate.
  // `ca_file` empty: the system's authorities.
  static Result<SyslogTls> create(const std::string& ca_file, const std::string& cert_file,
                                  const std::string& key_file);

  // Runs the handshake on the connected, blocking socket `fd` (its timeouts bound it); the
  // certificate must name `name` (a host name or an IP address), also sent as SNI when a name.
  // In TLS 1.3 a receiver that asked for a client certificate judges it only after the client's
  // handshake is over: then this waits up to `verdict_timeout` for its answer (a session ticket:
  // accepted; an alert: refused, an error here) rather than send messages it would discard.
  Result<SslPtr> handshake(int fd, const std::string& name,
                           std::chrono::milliseconds verdict_timeout) const;

 private:
  std::unique_ptr<SSL_CTX, SslDeleter> ctx_;
};

// The last OpenSSL error of this thread as text (and the queue emptied), for messages.
std::string openssl_error_text();

}  // namespace horolog
