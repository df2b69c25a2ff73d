// RFC 5424 STRUCTURED-DATA: `[id name="value" ...]...` into event fields, with the `\"` `\\`
// `\]` escapes undone, and the timeQuality element (section 7.1) mapped to typed fields.
#pragma once

#include <cstddef>
#include <string_view>

#include "normalizer/event.h"
#include "normalizer/string_arena.h"

namespace horolog::syslog {

// Reads the elements at the start of `text` and adds one field per parameter, keyed
// `log.syslog.structured_data.<id>.<name>`. Keys and unescaped values go to `arena`; plain
// values stay views into `text`. Returns the characters consumed, 0 when malformed.
std::size_t parse_structured_data(std::string_view text, StringArena& arena, Event& event);

}  // namespace horolog::syslog
