// NTS-KE over OpenSSL: non-blocking TCP and TLS driven by poll() against one deadline, TLS 1.3
// only, peer verification by OpenSSL itself (chain, then host name or IP address).
#include "normalizer/clock/nts_ke_client.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>

#include "normalizer/clock/nts_ke_records.h"

namespace horolog {
namespace {

using Clock = std::chrono::steady_clock;
using Failure = tl::unexpected<NtsKeFailure>;

constexpr unsigned char kAlpn[] = {7, 'n', 't', 's', 'k', 'e', '/', '1'};
constexpr std::string_view kExporterLabel = "EXPORTER-network-time-security";

struct SslCtxFree {
  void operator()(SSL_CTX* ctx) const noexcept { SSL_CTX_free(ctx); }
};
struct SslFree {
  void operator()(SSL* ssl) const noexcept { SSL_free(ssl); }
};

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const noexcept { return fd_; }

 private:
  int fd_ = -1;
};

Failure failed(std::string detail) {
  return Failure(NtsKeFailure{NtsKeFailure::Kind::failed, std::move(detail)});
}

// Waits for `events` on `fd`; false at the deadline.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, events, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready > 0) return true;
    if (ready == 0) return false;
    if (errno != EINTR) return false;
  }
}

tl::expected<Fd, NtsKeFailure> connect_tcp(const std::string& host, std::uint16_t port,
                                           Clock::time_point deadline) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0 || !found) {
    return failed("the host name did not resolve");
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> list(found, &freeaddrinfo);
  std::string last_error = "no address";
  for (const addrinfo* a = found; a; a = a->ai_next) {
    Fd fd(::socket(a->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (fd.get() < 0) continue;
    if (::connect(fd.get(), a->ai_addr, a->ai_addrlen) != 0 && errno != EINPROGRESS) {
      last_error = std::strerror(errno);
      continue;
    }
    if (!wait_for(fd.get(), POLLOUT, deadline)) return failed("timed out connecting");
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &error, &length);
    if (error == 0) return fd;
    last_error = std::strerror(error);
  }
  for (char& c : last_error) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return failed("connection failed: " + last_error);
}

// Runs one OpenSSL I/O call until it completes, waiting on the socket as it asks; returns its
// result (> 0 done) or the SSL_get_error code negated, and -SSL_ERROR_WANT_READ on timeout.
template <class Call>
int drive(SSL* ssl, int fd, Clock::time_point deadline, Call call) {
  for (;;) {
    const int result = call();
    if (result > 0) return result;
    const int error = SSL_get_error(ssl, result);
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
      if (!wait_for(fd, error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline))
        return -SSL_ERROR_WANT_READ;
      continue;
    }
    return -error;
  }
}

std::string openssl_reason() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "the connection was closed";
  const char* reason = ERR_reason_error_string(code);
  return reason ? reason : "TLS error";
}

NtsKeFailure handshake_failure(SSL* ssl, int error) {
  const long verify = SSL_get_verify_result(ssl);
  if (verify == X509_V_ERR_HOSTNAME_MISMATCH || verify == X509_V_ERR_IP_ADDRESS_MISMATCH) {
    ERR_clear_error();
    return {NtsKeFailure::Kind::hostname_mismatch, X509_verify_cert_error_string(verify)};
  }
  if (verify != X509_V_OK) {
    ERR_clear_error();
    return {NtsKeFailure::Kind::certificate_untrusted, X509_verify_cert_error_string(verify)};
  }
  if (error == SSL_ERROR_WANT_READ) return {NtsKeFailure::Kind::failed, "TLS handshake timed out"};
  return {NtsKeFailure::Kind::failed, "TLS handshake failed: " + openssl_reason()};
}

tl::expected<std::unique_ptr<SSL_CTX, SslCtxFree>, NtsKeFailure> make_context(
    const NtsKeOptions& options) {
  std::unique_ptr<SSL_CTX, SslCtxFree> ctx(SSL_CTX_new(TLS_client_method()));
  if (!ctx) return failed("cannot create a TLS context");
  // RFC 8915 §3: TLS 1.3 or later; nothing older is an NTS-KE server.
  SSL_CTX_set_min_proto_version(ctx.get(), TLS1_3_VERSION);
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
  const int loaded = options.ca_file.empty() ? SSL_CTX_set_default_verify_paths(ctx.get())
                                             : SSL_CTX_load_verify_locations(
                                                   ctx.get(), options.ca_file.c_str(), nullptr);
  if (loaded != 1) {
    ERR_clear_error();
    return failed("cannot read the CA certificates" +
                  (options.ca_file.empty() ? std::string() : " in " + options.ca_file));
  }
  if (SSL_CTX_set_alpn_protos(ctx.get(), kAlpn, sizeof kAlpn) != 0) return failed("ALPN setup");
  return ctx;
}

bool is_ip_address(const std::string& host) {
  std::array<unsigned char, sizeof(in6_addr)> buffer{};
  return inet_pton(AF_INET, host.c_str(), buffer.data()) == 1 ||
         inet_pton(AF_INET6, host.c_str(), buffer.data()) == 1;
}

bool export_key(SSL* ssl, std::uint8_t direction, AesSivKey& out) {
  // RFC 8915 §5.1: protocol id (NTPv4), AEAD id, then 0 for C2S or 1 for S2C.
  const unsigned char context[] = {0, kNtsProtocolNtpv4, 0, kNtsAeadAesSivCmac256, direction};
  return SSL_export_keying_material(ssl, out.data(), out.size(), kExporterLabel.data(),
                                    kExporterLabel.size(), context, sizeof context, 1) == 1;
}

}  // namespace

tl::expected<NtsKeResult, NtsKeFailure> nts_key_exchange(const std::string& host,
                                                         std::uint16_t port,
                                                         const NtsKeOptions& options) {
  const Clock::time_point deadline = Clock::now() + options.timeout;
  auto ctx = make_context(options);
  if (!ctx) return tl::unexpected(ctx.error());
  auto fd = connect_tcp(host, port, deadline);
  if (!fd) return tl::unexpected(fd.error());

  std::unique_ptr<SSL, SslFree> ssl(SSL_new(ctx->get()));
  if (!ssl || SSL_set_fd(ssl.get(), fd->get()) != 1) return failed("cannot create a TLS session");
  const bool ip = is_ip_address(host);
  const int named = ip ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl.get()), host.c_str())
                       : SSL_set1_host(ssl.get(), host.c_str());
  if (named != 1) return failed("cannot set the name to verify");
  if (!ip) SSL_set_tlsext_host_name(ssl.get(), host.c_str());

  const int handshake =
      drive(ssl.get(), fd->get(), deadline, [&] { return SSL_connect(ssl.get()); });
  if (handshake <= 0) return tl::unexpected(handshake_failure(ssl.get(), -handshake));

  const unsigned char* alpn = nullptr;
  unsigned int alpn_length = 0;
  SSL_get0_alpn_selected(ssl.get(), &alpn, &alpn_length);
  if (alpn_length != sizeof kAlpn - 1 || std::memcmp(alpn, kAlpn + 1, alpn_length) != 0) {
    return failed("no ALPN: the server did not agree to ntske/1");
  }

  const std::vector<std::uint8_t> request = nts_ke_request();
  const int written = drive(ssl.get(), fd->get(), deadline, [&] {
    return SSL_write(ssl.get(), request.data(), static_cast<int>(request.size()));
  });
  if (written <= 0) return failed("sending the request failed: " + openssl_reason());

  std::vector<std::uint8_t> answer;
  std::optional<std::size_t> complete;
  while (!(complete = nts_ke_answer_length(answer))) {
    if (answer.size() > kNtsKeMaxAnswer) return failed("bad records: the answer is too long");
    std::array<std::uint8_t, 4096> chunk{};
    const int n = drive(ssl.get(), fd->get(), deadline, [&] {
      return SSL_read(ssl.get(), chunk.data(), static_cast<int>(chunk.size()));
    });
    if (n <= 0) {
      ERR_clear_error();
      if (-n == SSL_ERROR_WANT_READ) return failed("timed out waiting for the answer");
      return failed(answer.empty() ? "the server closed the connection without answering"
                                   : "the server closed the connection half-way through its "
                                     "answer (after " +
                                         std::to_string(answer.size()) + " bytes)");
    }
    answer.insert(answer.end(), chunk.begin(), chunk.begin() + n);
  }
  auto parsed = parse_nts_ke_answer(std::span(answer).first(*complete));
  if (!parsed) return failed(parsed.error().message());

  NtsKeResult result;
  if (!export_key(ssl.get(), 0, result.c2s) || !export_key(ssl.get(), 1, result.s2c)) {
    return failed("exporting the keys failed");
  }
  result.cookies = std::move(parsed->cookies);
  result.ntp_host = parsed->ntp_server.empty() ? host : parsed->ntp_server;
  result.ntp_port = parsed->ntp_port.value_or(123);
  // The answer is complete: a polite close, without waiting for the server's.
  SSL_shutdown(ssl.get());
  ERR_clear_error();
  return result;
}

}  // namespace horolog
