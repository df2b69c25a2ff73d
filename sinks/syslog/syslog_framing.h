// How messages are delimited on a TCP or TLS stream: octet counting (RFC 6587 3.4.1, RFC 5425)
// or a trailing newline (RFC 6587 3.4.2, the non-transparent framing old receivers expect).
#pragma once

#include <string>
#include <string_view>

#include "sinks/syslog/syslog_sink_options.h"

namespace horolog {

// Appends `message` framed as `framing` to `out`. With `lf`, a newline inside the message would
// end it early at the receiver: it becomes a space.
void append_frame(SyslogFraming framing, std::string_view message, std::string& out);

}  // namespace horolog
