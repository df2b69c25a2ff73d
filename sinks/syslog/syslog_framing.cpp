// Octet counting needs no escaping, so it is the default; LF framing rewrites newlines instead of
// splitting one event into two messages at the receiver.
#include "sinks/syslog/syslog_framing.h"

namespace horolog {

void append_frame(SyslogFraming framing, std::string_view message, std::string& out) {
  if (framing == SyslogFraming::octet_counting) {
    out += std::to_string(message.size());
    out += ' ';
    out += message;
    return;
  }
  const std::size_t start = out.size();
  out += message;
  for (std::size_t i = start; i < out.size(); ++i) {
    if (out[i] == '\n') out[i] = ' ';
  }
  out += '\n';
}

}  // namespace horolog
