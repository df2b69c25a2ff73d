// gethostname() with a fallback, because a container may have no name set.
#include "agent/config/host_name.h"

#include <unistd.h>

#include <climits>

namespace horolog {

std::string resolve_host_name(std::string_view configured) {
  if (!configured.empty() && configured != "auto") return std::string(configured);
  char name[HOST_NAME_MAX + 1] = {};
  if (gethostname(name, sizeof name) != 0 || name[0] == '\0') return "localhost";
  return name;
}

}  // namespace horolog
