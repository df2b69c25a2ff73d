// How an NTP reply's reference id reads to people: four ASCII characters for stratum 0 and 1
// (kiss codes, GPS, PPS), a dotted IPv4 address (or the hash of an IPv6 one) above.
#pragma once

#include <string>

#include "normalizer/clock/ntp_packet.h"

namespace horolog {

std::string reference_id_text(const NtpHeader& reply);

}  // namespace horolog
