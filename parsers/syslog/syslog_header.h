// Pieces every syslog shape shares: the `<PRI>` prefix and the BSD `tag[pid]:` that starts the
// content. Pure functions over views; nothing is copied.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalizer/event.h"

namespace horolog::syslog {

// Reads `<N>` (N in 0..191) at the start of `text`; sets facility and severity. Returns the
// characters consumed, 0 when there is no well-formed PRI.
std::size_t parse_pri(std::string_view text, Event& event) noexcept;

// The BSD content: an optional tag (`name:`, `name[pid]:`, `name[pid]`, `name(sub)[pid]:`)
// followed by the message. Without a recognisable tag the whole content is the message.
struct BsdContent {
  std::string_view app;
  std::int64_t pid = -1;
  std::string_view message;
};
BsdContent split_bsd_content(std::string_view content) noexcept;

// Whether a token in the host position is really a tag (the sender wrote no hostname).
bool looks_like_tag(std::string_view token) noexcept;

std::string_view skip_spaces(std::string_view text) noexcept;
// The text up to the first space, and what follows that space.
std::string_view first_token(std::string_view text) noexcept;

}  // namespace horolog::syslog
