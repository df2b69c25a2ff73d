// Verification is never optional: a syslog sink that accepted any certificate would hand the
// logs to whoever sits on the path. An IP address is checked against the certificate's IP SANs.
#include "sinks/syslog/syslog_tls.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <poll.h>

#include <cerrno>

namespace horolog {

namespace {

bool is_ip_literal(const std::string& name) {
  unsigned char buffer[sizeof(in6_addr)];
  return inet_pton(AF_INET, name.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, name.c_str(), buffer) == 1;
}

// What the receiver sent during and after the handshake, seen by the message callback.
struct HandshakeSeen {
  bool certificate_request = false;
  bool session_ticket = false;
};

void on_tls_message(int write_p, int /*version*/, int content_type, const void* buf,
                    std::size_t len, SSL* /*ssl*/, void* arg) {
  if (write_p != 0 || content_type != SSL3_RT_HANDSHAKE || len == 0) return;
  auto* seen = static_cast<HandshakeSeen*>(arg);
  const int type = *static_cast<const unsigned char*>(buf);
  if (type == SSL3_MT_CERTIFICATE_REQUEST) seen->certificate_request = true;
  if (type == SSL3_MT_NEWSESSION_TICKET) seen->session_ticket = true;
}

// After a TLS 1.3 handshake in which the receiver asked for a client certificate: reads what the
// receiver sends next without blocking, until a session ticket (it accepted the certificate, or
// its absence) or an alert (it refused). Nothing within `timeout`: a receiver that sends no
// tickets, taken as accepting. The socket is blocking again on return.
Result<void> await_verdict(SSL* ssl, int fd, const HandshakeSeen& seen,
                           std::chrono::milliseconds timeout) {
  const int flags = fcntl(fd, F_GETFL);
  fcntl(fd, F_SETFL, flags | O_NONBLOCK);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  Result<void> verdict;
  while (!seen.session_ticket) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd pfd{fd, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) break;
    char byte;
    std::size_t read = 0;
    if (SSL_peek_ex(ssl, &byte, 1, &read) == 1) break;  // data from a syslog receiver: odd, alive
    const int error = SSL_get_error(ssl, 0);
    if (error == SSL_ERROR_WANT_READ) continue;
    verdict =
        fail(ErrorCode::io, error == SSL_ERROR_SSL
                                ? "the receiver refused the connection: " + openssl_error_text()
                                : std::string("the receiver closed the connection after "
                                              "the handshake (client certificate refused?)"));
    break;
  }
  ERR_clear_error();
  fcntl(fd, F_SETFL, flags);
  return verdict;
}

}  // namespace

std::string openssl_error_text() {
  std::string text;
  while (const unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    if (!text.empty()) text += "; ";
    text += buffer;
  }
  return text.empty() ? "unknown TLS error" : text;
}

Result<SyslogTls> SyslogTls::create(const std::string& ca_file, const std::string& cert_file,
                                    const std::string& key_file) {
  SyslogTls tls;
  tls.ctx_.reset(SSL_CTX_new(TLS_client_method()));
  SSL_CTX* ctx = tls.ctx_.get();
  if (ctx == nullptr) return fail(ErrorCode::io, "TLS: " + openssl_error_text());
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  const int loaded = ca_file.empty() ? SSL_CTX_set_default_verify_paths(ctx)
                                     : SSL_CTX_load_verify_locations(ctx, ca_file.c_str(), nullptr);
  if (loaded != 1) {
    return fail(ErrorCode::invalid_config, "ca_file " + ca_file + ": " + openssl_error_text());
  }
  if (!cert_file.empty()) {
    if (SSL_CTX_use_certificate_chain_file(ctx, cert_file.c_str()) != 1) {
      return fail(ErrorCode::invalid_config,
                  "cert_file " + cert_file + ": " + openssl_error_text());
    }
    if (SSL_CTX_use_PrivateKey_file(ctx, key_file.c_str(), SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_check_private_key(ctx) != 1) {
      return fail(ErrorCode::invalid_config, "key_file " + key_file + ": " + openssl_error_text());
    }
  }
  // A peer that closes without close_notify (a receiver killed) is a broken connection, which
  // the sink handles anyway; OpenSSL 3 would otherwise report it as a protocol error.
  SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
  return tls;
}

Result<SslPtr> SyslogTls::handshake(int fd, const std::string& name,
                                    std::chrono::milliseconds verdict_timeout) const {
  SslPtr ssl(SSL_new(ctx_.get()));
  if (!ssl) return fail(ErrorCode::io, "TLS: " + openssl_error_text());
  HandshakeSeen seen;
  SSL_set_msg_callback(ssl.get(), on_tls_message);
  SSL_set_msg_callback_arg(ssl.get(), &seen);
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl.get());
  if (is_ip_literal(name)) {
    X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str());
  } else {
    SSL_set_tlsext_host_name(ssl.get(), name.c_str());
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    SSL_set1_host(ssl.get(), name.c_str());
  }
  SSL_set_fd(ssl.get(), fd);
  if (SSL_connect(ssl.get()) != 1) {
    const long verify = SSL_get_verify_result(ssl.get());
    std::string why =
        verify != X509_V_OK ? X509_verify_cert_error_string(verify) : openssl_error_text();
    ERR_clear_error();
    return fail(ErrorCode::io, "TLS handshake with " + name + ": " + why);
  }
  if (seen.certificate_request && SSL_version(ssl.get()) == TLS1_3_VERSION) {
    Result<void> verdict = await_verdict(ssl.get(), fd, seen, verdict_timeout);
    if (!verdict) return fail(verdict.error().within("TLS handshake with " + name));
  }
  SSL_set_msg_callback(ssl.get(), nullptr);
  return ssl;
}

}  // namespace horolog
