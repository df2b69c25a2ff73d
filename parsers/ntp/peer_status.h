// The ntpd peer status word (peerstats column 4, `ntpq -p` assoc status): flags, selection
// and last event, decoded into fields so a reader needs no ntp documentation at hand.
#pragma once

#include <cstdint>
#include <string_view>

#include "normalizer/event.h"

namespace horolog::ntp {

// Parses the hex word and adds `ntp.peerstats.status.configured`, `.reachable`, `.authentic`,
// `.selection`, `.event` and `.event_count`. False when `hex` is not a 16-bit hex number.
bool add_peer_status(std::string_view hex, Event& event);

bool parse_hex16(std::string_view hex, std::uint16_t& out) noexcept;

}  // namespace horolog::ntp
