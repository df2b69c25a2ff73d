// A broken NTS-KE server for one connection: TLS 1.3 with the test certificate, then it
// misbehaves as told, so that the client's reports of such servers can be checked.
#pragma once

#include <cstdint>
#include <filesystem>
#include <thread>

namespace horolog::test {

enum class KeMisbehaviour : std::uint8_t {
  close_half_way,  // agrees to ntske/1, reads the request, sends half a record and closes
  no_alpn,         // completes the handshake without agreeing to any ALPN protocol
};

class FakeNtsKeServer {
 public:
  // `cert_dir` holds server.crt and server.key (nts_test_certs.h).
  FakeNtsKeServer(const std::filesystem::path& cert_dir, KeMisbehaviour misbehaviour);
  ~FakeNtsKeServer();
  FakeNtsKeServer(const FakeNtsKeServer&) = delete;
  FakeNtsKeServer& operator=(const FakeNtsKeServer&) = delete;

  std::uint16_t port() const noexcept { return port_; }

 private:
  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::jthread thread_;
};

}  // namespace horolog::test
