// Mode 7 codec: the 8-byte req_pkt/resp_pkt header of ntpd 4.2.6 (rm_vn_mode, auth_seq,
// implementation, request, err_nitems, mbz_itemsize).
#include "agent/commands/clock_audit/monlist_packet.h"

namespace horolog::audit {
namespace {

constexpr std::uint8_t kPrivateMode = 7;
constexpr std::uint8_t kResponseBit = 0x80;
constexpr std::uint8_t kMoreBit = 0x40;
constexpr std::uint8_t kRequestVersion = 2;

}  // namespace

std::array<std::uint8_t, kModeSevenHeaderSize> encode_monlist_request() noexcept {
  return {static_cast<std::uint8_t>((kRequestVersion << 3) | kPrivateMode),  // 0x17
          0,
          kImplementationXntpd,
          kMonGetList1,
          0,
          0,
          0,
          0};
}

std::optional<MonlistFragment> decode_monlist_response(
    std::span<const std::uint8_t> packet) noexcept {
  if (packet.size() < kModeSevenHeaderSize) return std::nullopt;
  if ((packet[0] & 0x07) != kPrivateMode || (packet[0] & kResponseBit) == 0) return std::nullopt;
  if (packet[2] != kImplementationXntpd || packet[3] != kMonGetList1) return std::nullopt;
  if ((packet[6] >> 4) != 0) return std::nullopt;  // must-be-zero bits
  MonlistFragment f;
  f.more = (packet[0] & kMoreBit) != 0;
  f.sequence = packet[1] & 0x7f;
  f.error = packet[4] >> 4;
  f.items = static_cast<std::uint16_t>(((packet[4] & 0x0f) << 8) | packet[5]);
  f.item_size = static_cast<std::uint16_t>(((packet[6] & 0x0f) << 8) | packet[7]);
  const std::size_t body = std::size_t{f.items} * f.item_size;
  if (body > packet.size() - kModeSevenHeaderSize) return std::nullopt;
  return f;
}

}  // namespace horolog::audit
