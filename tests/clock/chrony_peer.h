// A real chronyd serving NTP on a free loopback UDP port for the duration of a test: always
// `-x` (never touches the system clock), private pid/drift files, optional +N s via libfaketime,
// optionally an NTS-KE server on a free loopback TCP port.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "tests/support/test_paths.h"

namespace horolog::test {

struct ChronyPeerOptions {
  // libfaketime offset such as "+5s": the peer becomes a falseticker.
  std::string fake_offset;
  // Contents of the peer's keyfile (chrony format); empty: no keys.
  std::string keys;
  // Directory with server.crt and server.key (see nts_test_certs.h): serve NTS-KE too.
  std::string nts_cert_dir;
  // The NTP server the NTS-KE answer names (chrony's ntsntpserver); empty: none named.
  std::string nts_ntp_server;
  // chrony.conf lines appended to the open configuration (deny, ratelimit, NTS server, ...).
  std::string extra_config{};
};

class ChronyPeer {
 public:
  // Empty when chronyd (or libfaketime, if asked for) is not installed.
  static std::optional<std::string> missing_tool(const ChronyPeerOptions& options);

  explicit ChronyPeer(ChronyPeerOptions options = {});
  ~ChronyPeer();
  ChronyPeer(const ChronyPeer&) = delete;
  ChronyPeer& operator=(const ChronyPeer&) = delete;

  std::uint16_t port() const noexcept { return port_; }
  // The NTS-KE port, 0 unless nts_cert_dir was given.
  std::uint16_t nts_port() const noexcept { return nts_port_; }
  // Waits until the peer answers a plain NTP request (and accepts NTS-KE connections, when it
  // serves them); false after `limit`.
  bool wait_ready(std::chrono::seconds limit = std::chrono::seconds(10)) const;
  std::string log() const;

 private:
  TempDir dir_;
  std::uint16_t port_ = 0;
  std::uint16_t nts_port_ = 0;
  pid_t pid_ = -1;
};

// A TCP port free on 127.0.0.1 and ::1 (for NTS-KE servers).
std::uint16_t free_tcp_port();

// Skips the current test when the peer cannot be started here.
#define HOROLOG_REQUIRE_CHRONY(...)                                          \
  if (auto missing = ::horolog::test::ChronyPeer::missing_tool(__VA_ARGS__)) \
  GTEST_SKIP() << *missing << " not installed (apt-get install chrony faketime libfaketime openssl)"

}  // namespace horolog::test
