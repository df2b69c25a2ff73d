// NTP mode 7 (ntpd's private "xntpdc" protocol, no RFC; layout of ntpd 4.2.6 ntp_request.h): the
// MON_GETLIST_1 request that CVE-2013-5211 amplification abuses, and its response fragments.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace horolog::audit {

inline constexpr std::size_t kModeSevenHeaderSize = 8;
inline constexpr std::uint8_t kImplementationXntpd = 3;  // IMPL_XNTPD
inline constexpr std::uint8_t kMonGetList1 = 42;         // REQ_MON_GETLIST_1
// sizeof(struct info_monitor_1): times, counts, IPv4 and IPv6 addresses of one client.
inline constexpr std::uint16_t kMonitorEntrySize = 72;

// The request exactly as the published exploits send it: the 8-byte header alone (version 2,
// no authentication), which ntpd 4.2.6 accepts. Its size is the divisor of the amplification.
std::array<std::uint8_t, kModeSevenHeaderSize> encode_monlist_request() noexcept;

struct MonlistFragment {
  bool more = false;          // the M bit: more fragments follow
  std::uint8_t sequence = 0;  // fragment number, 0..127
  std::uint8_t error = 0;     // INFO_ERR_*: 0 none, 1 implementation, 2 request, 4 auth, ...
  std::uint16_t items = 0;
  std::uint16_t item_size = 0;
};

// A response fragment to MON_GETLIST_1 from implementation 3; nullopt for anything else: short,
// not mode 7, not a response, another request code, items beyond the packet.
std::optional<MonlistFragment> decode_monlist_response(
    std::span<const std::uint8_t> packet) noexcept;

}  // namespace horolog::audit
