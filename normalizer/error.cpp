// Error codes by name, errno classification and exit statuses.
#include "normalizer/error.h"

#include <cerrno>
#include <cstring>

namespace horolog {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::invalid_config: return "invalid_config";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::permission_denied: return "permission_denied";
    case ErrorCode::io: return "io";
    case ErrorCode::corrupt: return "corrupt";
    case ErrorCode::unsupported: return "unsupported";
    case ErrorCode::in_use: return "in_use";
  }
  return "io";
}

Error Error::from_errno(int err, std::string_view what) {
  const ErrorCode code = err == ENOENT || err == ENOTDIR ? ErrorCode::not_found
                         : err == EACCES || err == EPERM ? ErrorCode::permission_denied
                                                         : ErrorCode::io;
  return Error(code, std::string(what) + ": " + std::strerror(err));
}

int Error::exit_status() const noexcept {
  switch (code_) {
    case ErrorCode::invalid_argument:
    case ErrorCode::invalid_config: return 2;
    default: return 1;
  }
}

Error Error::within(std::string_view context) const {
  return Error(code_, std::string(context) + ": " + message_);
}

}  // namespace horolog
