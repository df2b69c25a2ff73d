// Who logs and what they say, for the syslog-shaped benchmark generators: a fleet of hosts and
// daemons, each with messages of its own kind and length (short cron lines to long kernel dumps).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "agent/commands/bench/generator_state.h"

namespace horolog {

struct LogOrigin {
  std::string_view host;
  std::string_view app;
  std::int64_t pid = -1;  // -1: the daemon logs without a pid (kernel)
  int facility = 1;
  int severity = 6;
  int utc_offset_min = 0;  // the host's zone, for formats that write local time with an offset
};

LogOrigin pick_origin(GeneratorState& state);
// Appends a message typical of `origin.app` (no line terminator).
void append_message(GeneratorState& state, const LogOrigin& origin, std::string& out);

}  // namespace horolog
