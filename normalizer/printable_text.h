// Text from outside the agent (file names found by globs) as it may appear in the agent's own
// log: a name holding a newline or a terminal escape must not forge log lines or steer a terminal.
#pragma once

#include <string>
#include <string_view>

namespace horolog {

// `text` with C0 controls, DEL and C1 controls escaped (\n, \r, \t, else \xHH per byte), bytes
// that are not UTF-8 written as \xHH, and `\` doubled so that an escape is never ambiguous.
std::string printable_text(std::string_view text);

}  // namespace horolog
