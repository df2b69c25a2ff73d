// A UDP relay between an NTP client and a server on loopback that changes one byte of every
// request or every reply on the way (an attacker on the path), to check that NTS notices.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <thread>

namespace horolog::test {

enum class Tamper : std::uint8_t { requests, replies };

class TamperingRelay {
 public:
  // Listens on listen_address:port and forwards to 127.0.0.1:server_port, flipping the bits of
  // the byte at `offset` of each request or reply (when it is that long).
  TamperingRelay(const std::string& listen_address, std::uint16_t port, std::uint16_t server_port,
                 Tamper what, std::size_t offset);
  ~TamperingRelay();
  TamperingRelay(const TamperingRelay&) = delete;
  TamperingRelay& operator=(const TamperingRelay&) = delete;

  bool listening() const noexcept { return client_side_ >= 0; }
  int tampered() const noexcept { return tampered_.load(); }

 private:
  void run(const std::stop_token& stop);

  int client_side_ = -1;
  int server_side_ = -1;
  std::uint16_t server_port_ = 0;
  Tamper what_ = Tamper::requests;
  std::size_t offset_ = 0;
  std::atomic<int> tampered_{0};
  std::jthread thread_;
};

}  // namespace horolog::test
