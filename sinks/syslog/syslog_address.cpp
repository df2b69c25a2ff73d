// The last colon separates the port, unless the host is bracketed (IPv6 literals hold colons).
#include "sinks/syslog/syslog_address.h"

namespace horolog {

Result<SyslogAddress> parse_syslog_address(std::string_view text) {
  SyslogAddress address;
  address.text = std::string(text);
  std::string_view host;
  std::string_view port;
  if (text.starts_with('[')) {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return fail(ErrorCode::invalid_config,
                  "address `" + address.text + "`: expected [host]:port");
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) {
      return fail(ErrorCode::invalid_config, "address `" + address.text + "`: expected host:port");
    }
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  if (host.empty() || port.empty() || port.find_first_not_of("0123456789") != std::string::npos) {
    return fail(ErrorCode::invalid_config, "address `" + address.text + "`: expected host:port");
  }
  address.host = std::string(host);
  address.port = std::string(port);
  return address;
}

}  // namespace horolog
