// A scripted NTP server on a free loopback UDP port: answers every request with a reply built
// from the host clock plus a chosen offset, optionally spoiled (wrong origin, KoD, leap 3, ...)
// or signed with a key, so that client-side rejections are tested end to end.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <thread>

#include "normalizer/clock/ntp_auth.h"

namespace horolog::test {

struct FakeNtpBehaviour {
  // Applied to each reply header before it is encoded.
  std::function<void(NtpHeader&)> spoil;
  // When set, replies carry a MAC with this key; `corrupt_mac` flips a bit of it.
  std::optional<NtpKey> key;
  bool corrupt_mac = false;
};

class FakeNtpServer {
 public:
  explicit FakeNtpServer(FakeNtpBehaviour behaviour = {});
  ~FakeNtpServer();
  FakeNtpServer(const FakeNtpServer&) = delete;
  FakeNtpServer& operator=(const FakeNtpServer&) = delete;

  std::uint16_t port() const noexcept { return port_; }
  // True time as this server tells it: host clock + offset.
  void set_offset(Nanoseconds offset) noexcept { offset_ns_.store(offset.count()); }
  int requests() const noexcept { return requests_.load(); }

 private:
  void serve(std::stop_token stop);

  FakeNtpBehaviour behaviour_;
  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<std::int64_t> offset_ns_{0};
  std::atomic<int> requests_{0};
  std::jthread thread_;
};

}  // namespace horolog::test
