// One accept on 127.0.0.1 port 0, served by OpenSSL on a thread; the destructor shuts the
// listener down, which ends an accept that never came.
#include "fake_nts_ke_server.h"

#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstring>

namespace horolog::test {
namespace {

int alpn_ntske(SSL*, const unsigned char** out, unsigned char* out_length, const unsigned char* in,
               unsigned int in_length, void*) {
  static constexpr unsigned char kNtske[] = {7, 'n', 't', 's', 'k', 'e', '/', '1'};
  unsigned char* selected = nullptr;
  if (SSL_select_next_proto(&selected, out_length, kNtske, sizeof kNtske, in, in_length) !=
      OPENSSL_NPN_NEGOTIATED) {
    return SSL_TLSEXT_ERR_ALERT_FATAL;
  }
  *out = selected;
  return SSL_TLSEXT_ERR_OK;
}

void serve(int listener, const std::filesystem::path& cert_dir, KeMisbehaviour misbehaviour) {
  const int fd = ::accept(listener, nullptr, nullptr);
  if (fd < 0) return;
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
  SSL_CTX_use_certificate_chain_file(ctx, (cert_dir / "server.crt").c_str());
  SSL_CTX_use_PrivateKey_file(ctx, (cert_dir / "server.key").c_str(), SSL_FILETYPE_PEM);
  if (misbehaviour != KeMisbehaviour::no_alpn) {
    SSL_CTX_set_alpn_select_cb(ctx, alpn_ntske, nullptr);
  }
  SSL* ssl = SSL_new(ctx);
  SSL_set_fd(ssl, fd);
  if (SSL_accept(ssl) == 1) {
    std::array<unsigned char, 512> request{};
    SSL_read(ssl, request.data(), static_cast<int>(request.size()));
    if (misbehaviour == KeMisbehaviour::close_half_way) {
      // Next Protocol NTPv4 and the first half of an AEAD record.
      const unsigned char half[] = {0x80, 1, 0, 2, 0, 0, 0x80, 4};
      SSL_write(ssl, half, sizeof half);
    }
  }
  SSL_free(ssl);
  SSL_CTX_free(ctx);
  ::close(fd);
}

}  // namespace

FakeNtsKeServer::FakeNtsKeServer(const std::filesystem::path& cert_dir, KeMisbehaviour misbehaviour)
    : listener_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof a;
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::listen(listener_, 1) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &length) != 0) {
    return;
  }
  port_ = ntohs(a.sin_port);
  thread_ =
      std::jthread([this, cert_dir, misbehaviour] { serve(listener_, cert_dir, misbehaviour); });
}

FakeNtsKeServer::~FakeNtsKeServer() {
  ::shutdown(listener_, SHUT_RDWR);
  if (thread_.joinable()) thread_.join();
  ::close(listener_);
}

}  // namespace horolog::test
