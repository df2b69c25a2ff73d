// write(2) in a loop until every byte is out.
#include "sinks/write_fully.h"

#include <unistd.h>

#include <cerrno>

namespace horolog {

int write_fully(int fd, std::string_view bytes) noexcept {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

}  // namespace horolog
