// A receiver's address as written in the config (`host:port`, `[v6]:port`), split once.
#pragma once

#include <string>
#include <string_view>

#include "normalizer/error.h"

namespace horolog {

struct SyslogAddress {
  std::string host;
  std::string port;
  std::string text;  // as configured, for messages
};

// invalid_config when there is no port or the brackets do not match.
Result<SyslogAddress> parse_syslog_address(std::string_view text);

}  // namespace horolog
