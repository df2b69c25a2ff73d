// A non-blocking TCP connect and OpenSSL handshake, both against one deadline, so a dead or
// filtered host costs at most the timeout.
#include "agent/commands/clock_audit/nts_ke_probe.h"

#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "agent/commands/clock_audit/control_probe.h"

namespace horolog::audit {
namespace {

constexpr std::array<unsigned char, 8> kAlpn{7, 'n', 't', 's', 'k', 'e', '/', '1'};

struct CloseFd {
  explicit CloseFd(int descriptor) : fd(descriptor) {}
  ~CloseFd() {
    if (fd >= 0) ::close(fd);
  }
  CloseFd(const CloseFd&) = delete;
  CloseFd& operator=(const CloseFd&) = delete;
  int fd;
};
struct FreeContext {
  void operator()(SSL_CTX* c) const noexcept { SSL_CTX_free(c); }
};
struct FreeSsl {
  void operator()(SSL* s) const noexcept { SSL_free(s); }
};

int millis_left(ProbeClock::time_point deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - ProbeClock::now());
  return static_cast<int>(std::max<std::int64_t>(left.count(), 0));
}

bool wait_for(int fd, short events, ProbeClock::time_point deadline) {
  pollfd p{fd, events, 0};
  for (;;) {
    const int n = ::poll(&p, 1, millis_left(deadline));
    if (n > 0) return true;
    if (n == 0 || errno != EINTR) return false;
  }
}

std::string name_text(const X509_NAME* name) {
  if (name == nullptr) return {};
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr) return {};
  X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  std::string text(data, static_cast<std::size_t>(std::max(length, 0L)));
  BIO_free(bio);
  return printable_server_text(text, 200);
}

std::string openssl_error() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "TLS handshake failed";
  std::array<char, 256> text{};
  ERR_error_string_n(code, text.data(), text.size());
  return text.data();
}

}  // namespace

NtsKeObservation probe_nts_ke(const AuditTarget& target, std::uint16_t port, Nanoseconds timeout) {
  NtsKeObservation seen;
  seen.port = port;
  const auto deadline = ProbeClock::now() + timeout;
  const CloseFd sock(
      ::socket(target.socket_address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (sock.fd < 0) {
    seen.failure = std::string("socket: ") + std::strerror(errno);
    return seen;
  }
  const sockaddr_storage address = target.with_port(port);
  if (::connect(sock.fd, reinterpret_cast<const sockaddr*>(&address),
                target.socket_address_length) != 0) {
    if (errno != EINPROGRESS) {
      seen.failure = std::strerror(errno);
      return seen;
    }
    if (!wait_for(sock.fd, POLLOUT, deadline)) {
      seen.failure = "no TCP answer within the timeout";
      return seen;
    }
    int error = 0;
    socklen_t length = sizeof error;
    getsockopt(sock.fd, SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0) {
      seen.failure = std::strerror(error);
      return seen;
    }
  }
  seen.listening = true;

  const std::unique_ptr<SSL_CTX, FreeContext> context(SSL_CTX_new(TLS_client_method()));
  if (!context) {
    seen.failure = openssl_error();
    return seen;
  }
  SSL_CTX_set_default_verify_paths(context.get());
  // Verification runs and is reported, but never stops the handshake: the audit wants to see
  // the certificate of a server that would fail it.
  SSL_CTX_set_verify(context.get(), SSL_VERIFY_NONE, nullptr);
  const std::unique_ptr<SSL, FreeSsl> ssl(SSL_new(context.get()));
  if (!ssl) {
    seen.failure = openssl_error();
    return seen;
  }
  SSL_set_fd(ssl.get(), sock.fd);
  SSL_set_alpn_protos(ssl.get(), kAlpn.data(), kAlpn.size());
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl.get());
  if (target.host == target.address) {
    X509_VERIFY_PARAM_set1_ip_asc(param, target.host.c_str());
  } else {
    SSL_set_tlsext_host_name(ssl.get(), target.host.c_str());
    X509_VERIFY_PARAM_set1_host(param, target.host.c_str(), 0);
  }
  for (;;) {
    const int rc = SSL_connect(ssl.get());
    if (rc == 1) break;
    const int why = SSL_get_error(ssl.get(), rc);
    if (why != SSL_ERROR_WANT_READ && why != SSL_ERROR_WANT_WRITE) {
      seen.failure = openssl_error();
      return seen;
    }
    if (!wait_for(sock.fd, why == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline)) {
      seen.failure = "TLS handshake did not finish within the timeout";
      return seen;
    }
  }
  seen.handshake = true;
  seen.tls_version = SSL_get_version(ssl.get());
  const unsigned char* alpn = nullptr;
  unsigned int alpn_length = 0;
  SSL_get0_alpn_selected(ssl.get(), &alpn, &alpn_length);
  if (alpn != nullptr) {
    seen.alpn = printable_server_text(
        std::string_view(reinterpret_cast<const char*>(alpn), alpn_length), 40);
  }
  if (X509* certificate = SSL_get1_peer_certificate(ssl.get())) {
    seen.subject = name_text(X509_get_subject_name(certificate));
    seen.issuer = name_text(X509_get_issuer_name(certificate));
    X509_free(certificate);
  }
  const long verify = SSL_get_verify_result(ssl.get());
  seen.verified = verify == X509_V_OK && !seen.subject.empty();
  if (!seen.verified) {
    seen.verify_error =
        seen.subject.empty() ? "no certificate" : X509_verify_cert_error_string(verify);
  }
  // A polite close; the server is not waiting for a key exchange request from us.
  SSL_shutdown(ssl.get());
  return seen;
}

std::vector<Finding> judge_nts_ke(const NtsKeObservation& seen) {
  std::vector<Finding> out;
  char reason[400];
  if (!seen.listening) {
    std::snprintf(reason, sizeof reason, "nothing accepts TCP on port %u (%s): NTS is not offered",
                  seen.port, seen.failure.c_str());
    out.push_back({"nts_ke", Severity::info, "no_listener", reason, {{"port", seen.port}}, {}});
    return out;
  }
  if (!seen.handshake) {
    std::snprintf(reason, sizeof reason, "TCP port %u accepts, but no TLS handshake: %s", seen.port,
                  printable_server_text(seen.failure).c_str());
    out.push_back({"nts_ke", Severity::low, "tls_failed", reason, {{"port", seen.port}}, {}});
    return out;
  }
  const std::vector<std::pair<std::string, std::string>> texts{{"tls_version", seen.tls_version},
                                                               {"alpn", seen.alpn},
                                                               {"subject", seen.subject},
                                                               {"issuer", seen.issuer}};
  if (seen.alpn != "ntske/1") {
    std::snprintf(reason, sizeof reason,
                  "%s listener on port %u did not agree to ALPN ntske/1: not an NTS-KE server "
                  "(subject %s)",
                  seen.tls_version.c_str(), seen.port, seen.subject.c_str());
    out.push_back({"nts_ke", Severity::low, "no_ntske_alpn", reason, {{"port", seen.port}}, texts});
    return out;
  }
  if (!seen.verified) {
    std::snprintf(reason, sizeof reason,
                  "NTS-KE (%s, ntske/1) on port %u, but its certificate (subject %s, issuer %s) "
                  "does not verify with the system CAs: %s; clients must be given its CA or will "
                  "refuse it",
                  seen.tls_version.c_str(), seen.port, seen.subject.c_str(), seen.issuer.c_str(),
                  seen.verify_error.c_str());
    out.push_back({"nts_ke",
                   Severity::medium,
                   "certificate_unverified",
                   reason,
                   {{"port", seen.port}},
                   texts});
    return out;
  }
  std::snprintf(reason, sizeof reason,
                "NTS-KE (%s, ntske/1) on port %u, certificate %s verifies with the system CAs",
                seen.tls_version.c_str(), seen.port, seen.subject.c_str());
  out.push_back({"nts_ke", Severity::info, "offered", reason, {{"port", seen.port}}, texts});
  return out;
}

}  // namespace horolog::audit
