// The one error type off the hot path: a code that says what kind of failure it is (and so the
// exit status a command ends with) and a message for people. Whatever can fail returns Result<T>.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <utility>

namespace horolog {

enum class ErrorCode : std::uint8_t {
  invalid_argument,   // a command-line value or an option cannot be used (exit status 2)
  invalid_config,     // the config file does not validate (exit status 2)
  not_found,          // a file, zone or name does not exist
  permission_denied,  // the agent may not read or write it
  io,                 // the operating system failed a read or a write
  corrupt,            // the data is not what its format says (truncated archive, bad header)
  unsupported,        // a valid request that this build or this input cannot serve
  in_use,             // held by another process (a data_dir another agent runs on)
};

std::string_view to_string(ErrorCode code) noexcept;

class Error {
 public:
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  // From an errno value: "WHAT: strerror", coded not_found, permission_denied or io.
  static Error from_errno(int err, std::string_view what);

  ErrorCode code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }
  // The exit status a command ends with: 2 for arguments and config, else 1.
  int exit_status() const noexcept;
  // The same error with "CONTEXT: " in front of its message.
  Error within(std::string_view context) const;

 private:
  ErrorCode code_;
  std::string message_;
};

template <class T = void>
using Result = tl::expected<T, Error>;

// `return fail(ErrorCode::corrupt, "...")` from a function returning any Result.
inline tl::unexpected<Error> fail(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error(code, std::move(message)));
}
inline tl::unexpected<Error> fail(Error error) { return tl::unexpected<Error>(std::move(error)); }

}  // namespace horolog
