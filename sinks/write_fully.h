// Writes a whole buffer to a file descriptor, retrying short writes and EINTR: the one place
// that loop lives (file sink, checkpoint store).
#pragma once

#include <string_view>

namespace horolog {

// Returns 0, or the errno of the write that failed.
int write_fully(int fd, std::string_view bytes) noexcept;

}  // namespace horolog
