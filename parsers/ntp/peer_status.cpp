// Peer status word layout from the ntpd documentation ("Event Messages and Status Words"):
// high byte = 5 status bits + 3 selection bits, low byte = event count (4) + event code (4).
#include "parsers/ntp/peer_status.h"

namespace horolog::ntp {
namespace {

constexpr std::string_view kSelection[8] = {
    "reject", "falsetick", "excess", "outlier", "candidate", "backup", "sys.peer", "pps.peer",
};
constexpr std::string_view kEvent[16] = {
    "unspecified",   "mobilize",   "demobilize",      "unreachable",
    "reachable",     "restart",    "no_reply",        "rate_exceeded",
    "access_denied", "leap_armed", "sys_peer",        "clock_event",
    "bad_auth",      "popcorn",    "interleave_mode", "interleave_error",
};
constexpr std::uint16_t kConfigured = 0x8000;
constexpr std::uint16_t kAuthentic = 0x2000;
constexpr std::uint16_t kReachable = 0x1000;

}  // namespace

bool parse_hex16(std::string_view hex, std::uint16_t& out) noexcept {
  if (hex.empty() || hex.size() > 4) return false;
  unsigned value = 0;
  for (char c : hex) {
    unsigned digit;
    if (c >= '0' && c <= '9')
      digit = static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f')
      digit = static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      digit = static_cast<unsigned>(c - 'A' + 10);
    else
      return false;
    value = value * 16 + digit;
  }
  out = static_cast<std::uint16_t>(value);
  return true;
}

bool add_peer_status(std::string_view hex, Event& event) {
  std::uint16_t word = 0;
  if (!parse_hex16(hex, word)) return false;
  event.add("ntp.peerstats.status.configured", FieldValue::boolean((word & kConfigured) != 0));
  event.add("ntp.peerstats.status.reachable", FieldValue::boolean((word & kReachable) != 0));
  event.add("ntp.peerstats.status.authentic", FieldValue::boolean((word & kAuthentic) != 0));
  event.add("ntp.peerstats.status.selection", FieldValue::string(kSelection[(word >> 8) & 7]));
  event.add("ntp.peerstats.status.event", FieldValue::string(kEvent[word & 15]));
  event.add("ntp.peerstats.status.event_count", FieldValue::int64((word >> 4) & 15));
  return true;
}

}  // namespace horolog::ntp
