// The reference id as text, shared by `horolog clock`'s table and its server audit.
#include "normalizer/clock/ntp_reference_id.h"

namespace horolog {

std::string reference_id_text(const NtpHeader& reply) {
  const std::uint32_t id = reply.reference_id;
  if (reply.stratum <= 1) {  // four ASCII characters: GPS, PPS, kiss codes
    std::string text;
    for (int shift = 24; shift >= 0; shift -= 8) {
      const char c = static_cast<char>((id >> shift) & 0xff);
      if (c >= 0x20 && c < 0x7f) text += c;
    }
    return text;
  }
  return std::to_string(id >> 24) + "." + std::to_string((id >> 16) & 0xff) + "." +
         std::to_string((id >> 8) & 0xff) + "." + std::to_string(id & 0xff);
}

}  // namespace horolog
