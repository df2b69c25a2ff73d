// The client side of RELP (rsyslog's Reliable Event Logging Protocol) on a SyslogConnection:
// `open`, then `syslog` commands each answered by a `rsp` carrying the receiver's verdict.
// The answers are what lets the sink call a batch delivered.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "normalizer/error.h"
#include "sinks/syslog/syslog_connection.h"

namespace horolog {

class RelpSession {
 public:
  using Duration = std::chrono::nanoseconds;

  explicit RelpSession(SyslogConnection& connection) : connection_(connection) {}

  // Offers RELP version 0 with the `syslog` command and waits for the receiver's `200 OK`.
  Result<void> open(Duration timeout);
  // Sends every message whose `acked` entry is false, at most `window` unanswered at a time, and
  // waits until each is acknowledged: `acked` then marks it. An error (no answer within
  // `ack_timeout`, a refusal, the receiver closing) leaves the session unusable; what `acked`
  // does not mark is to be sent again on a new one.
  Result<void> send(std::span<const std::string> messages, std::vector<bool>& acked,
                    std::size_t window, Duration ack_timeout);
  // Says `close` and waits a little for the answer, so the receiver ends the session cleanly.
  void close(Duration timeout);

 private:
  struct Frame {
    std::uint64_t txnr = 0;
    std::string_view command;
    std::string_view data;
  };
  // Takes the next whole frame off the front of `in_` into `frame`; false when incomplete. An
  // error when what is there is not RELP.
  Result<bool> next_frame(Frame& frame);
  // Waits for one frame, at most `timeout`.
  Result<Frame> read_frame(Duration timeout);
  void append_command(std::string_view command, std::string_view data);

  SyslogConnection& connection_;
  std::uint64_t txnr_ = 1;
  std::string in_;
  std::size_t consumed_ = 0;  // bytes of in_ already parsed
  std::string out_;
};

}  // namespace horolog
