// What an NTS client keeps per key-exchange server between queries: the AEAD keys, the cookies
// (each used once) and the NTP server they are for; a new key exchange when the cookies run
// out or the server refused them (NTS NAK).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "normalizer/clock/nts_ke_client.h"

namespace horolog {

struct NtsSession {
  AesSivKey c2s{};
  AesSivKey s2c{};
  std::deque<std::vector<std::uint8_t>> cookies;
  std::string ntp_host;
  std::uint16_t ntp_port = 123;

  // The next cookie, removed: a cookie sent twice would link two requests (§6).
  std::vector<std::uint8_t> take_cookie();
  // Cookies from a reply, beyond kNtsMaxCookies dropped.
  void add_cookies(std::vector<std::vector<std::uint8_t>> fresh);
};

class NtsSessions {
 public:
  explicit NtsSessions(NtsKeOptions options = {}) : options_(std::move(options)) {}

  // The session with the key-exchange server host:port, after a new key exchange when there
  // is none or it has no cookie left (an NTS NAK is answered by dropping every cookie). The
  // pointer stays valid as long as this object: a new exchange refills the same session.
  tl::expected<NtsSession*, NtsKeFailure> acquire(const std::string& host, std::uint16_t port);
  // Key exchanges attempted so far: with cookies kept and refilled, one per server.
  int key_exchanges() const noexcept { return key_exchanges_; }

 private:
  NtsKeOptions options_;
  std::map<std::string, NtsSession> sessions_;
  int key_exchanges_ = 0;
};

}  // namespace horolog
