// Cookie bookkeeping and the decision to exchange keys again.
#include "normalizer/clock/nts_session.h"

#include "normalizer/clock/nts_ke_records.h"

namespace horolog {
namespace {

std::string session_key(const std::string& host, std::uint16_t port) {
  return host + "|" + std::to_string(port);
}

}  // namespace

std::vector<std::uint8_t> NtsSession::take_cookie() {
  if (cookies.empty()) return {};
  std::vector<std::uint8_t> cookie = std::move(cookies.front());
  cookies.pop_front();
  return cookie;
}

void NtsSession::add_cookies(std::vector<std::vector<std::uint8_t>> fresh) {
  for (auto& cookie : fresh) {
    if (cookies.size() >= kNtsMaxCookies) break;
    cookies.push_back(std::move(cookie));
  }
}

tl::expected<NtsSession*, NtsKeFailure> NtsSessions::acquire(const std::string& host,
                                                             std::uint16_t port) {
  const std::string key = session_key(host, port);
  const auto found = sessions_.find(key);
  if (found != sessions_.end() && !found->second.cookies.empty()) return &found->second;
  ++key_exchanges_;
  auto exchanged = nts_key_exchange(host, port, options_);
  if (!exchanged) return tl::unexpected(std::move(exchanged.error()));
  NtsSession& session = sessions_[key];
  session = NtsSession{};
  session.c2s = exchanged->c2s;
  session.s2c = exchanged->s2c;
  session.add_cookies(std::move(exchanged->cookies));
  session.ntp_host = std::move(exchanged->ntp_host);
  session.ntp_port = exchanged->ntp_port;
  return &session;
}

}  // namespace horolog
