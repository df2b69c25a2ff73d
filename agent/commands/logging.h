// The agent's own messages: spdlog to stderr, so stdout stays free for NDJSON.
#pragma once

#include <string_view>

namespace horolog {

// level: trace, debug, info, warn, error, off. Unknown names fall back to info.
void configure_logging(std::string_view level);

}  // namespace horolog
