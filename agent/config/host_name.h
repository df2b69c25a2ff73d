// The name this host reports as host.name when a record carries none.
#pragma once

#include <string>
#include <string_view>

namespace horolog {

// `auto` (or empty) asks the system (gethostname); anything else is used as given.
std::string resolve_host_name(std::string_view configured);

}  // namespace horolog
