// RELP frames are `TXNR SP COMMAND SP DATALEN [SP DATA] LF`; answers are `rsp` frames with the
// transaction number of the command and data starting with `200` (accepted) or `500` (refused).
// Written to the RELP specification as rsyslog implements it (librelp's client API has no way to
// learn which messages were acknowledged: see the README's syslog section).
#include "sinks/syslog/relp_session.h"

#include <charconv>
#include <deque>

namespace horolog {

namespace {

constexpr std::uint64_t kMaxTxnr = 999999999;  // the specification's limit; then it wraps to 1
constexpr std::string_view kOffers = "relp_version=0\nrelp_software=horolog\ncommands=syslog";

bool parse_number(std::string_view text, std::uint64_t& value) {
  if (text.empty() || text.size() > 9) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

using Clock = std::chrono::steady_clock;

}  // namespace

void RelpSession::append_command(std::string_view command, std::string_view data) {
  out_ += std::to_string(txnr_);
  out_ += ' ';
  out_ += command;
  out_ += ' ';
  out_ += std::to_string(data.size());
  if (!data.empty()) {
    out_ += ' ';
    out_ += data;
  }
  out_ += '\n';
  txnr_ = txnr_ == kMaxTxnr ? 1 : txnr_ + 1;
}

Result<bool> RelpSession::next_frame(Frame& frame) {
  const std::string_view rest = std::string_view(in_).substr(consumed_);
  const std::size_t sp1 = rest.find(' ');
  const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : rest.find(' ', sp1 + 1);
  const std::size_t len_end =
      sp2 == std::string_view::npos ? sp2 : rest.find_first_of(" \n", sp2 + 1);
  if (len_end == std::string_view::npos) {
    // A header is at most 9 + 1 + 32 + 1 + 9 bytes: more without its fields is not RELP.
    if (rest.size() > 64)
      return fail(ErrorCode::corrupt, "RELP: a header is not `TXNR COMMAND DATALEN`");
    return false;
  }
  std::uint64_t txnr = 0;
  std::uint64_t length = 0;
  if (!parse_number(rest.substr(0, sp1), txnr) ||
      !parse_number(rest.substr(sp2 + 1, len_end - sp2 - 1), length)) {
    return fail(ErrorCode::corrupt, "RELP: a header is not `TXNR COMMAND DATALEN`");
  }
  // With data: `DATALEN SP DATA LF`; without: `DATALEN LF`.
  std::size_t end = len_end + 1;
  std::string_view data;
  if (rest[len_end] == ' ') {
    if (rest.size() < end + length + 1) return false;
    data = rest.substr(end, length);
    end += length;
    if (rest[end] != '\n') return fail(ErrorCode::corrupt, "RELP: a frame lacks its trailer");
    ++end;
  } else if (length != 0) {
    return fail(ErrorCode::corrupt, "RELP: a frame announces data it does not carry");
  }
  frame.txnr = txnr;
  frame.command = rest.substr(sp1 + 1, sp2 - sp1 - 1);
  frame.data = data;
  consumed_ += end;
  return true;
}

Result<RelpSession::Frame> RelpSession::read_frame(Duration timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    Frame frame;
    Result<bool> got = next_frame(frame);
    if (!got) return fail(got.error());
    if (*got) return frame;
    if (consumed_ > 0) {
      in_.erase(0, consumed_);
      consumed_ = 0;
    }
    const auto left = deadline - Clock::now();
    if (left <= Duration::zero()) {
      return fail(ErrorCode::io, "RELP: no answer from the receiver in time");
    }
    Result<std::size_t> n = connection_.receive(in_, left);
    if (!n) return fail(n.error());
  }
}

Result<void> RelpSession::open(Duration timeout) {
  txnr_ = 1;
  in_.clear();
  consumed_ = 0;
  out_.clear();
  append_command("open", kOffers);
  if (Result<void> sent = connection_.send_all(out_); !sent) return fail(sent.error());
  Result<Frame> answer = read_frame(timeout);
  if (!answer) return fail(answer.error());
  if (answer->command != "rsp" || answer->txnr != 1 || !answer->data.starts_with("200")) {
    return fail(ErrorCode::io, "RELP: the receiver refused the session: " +
                                   std::string(answer->data.substr(0, 200)));
  }
  return {};
}

Result<void> RelpSession::send(std::span<const std::string> messages, std::vector<bool>& acked,
                               std::size_t window, Duration ack_timeout) {
  // Messages sent and not answered yet, oldest first: (transaction number, message index).
  std::deque<std::pair<std::uint64_t, std::size_t>> unanswered;
  std::size_t next = 0;
  for (;;) {
    out_.clear();
    while (unanswered.size() < window) {
      while (next < messages.size() && acked[next]) ++next;
      if (next == messages.size()) break;
      unanswered.emplace_back(txnr_, next);
      append_command("syslog", messages[next]);
      ++next;
    }
    if (!out_.empty()) {
      if (Result<void> sent = connection_.send_all(out_); !sent) return fail(sent.error());
    }
    if (unanswered.empty()) return {};
    // Read every answer already there, at least one.
    bool first = true;
    while (!unanswered.empty()) {
      Frame frame;
      if (first) {
        Result<Frame> answer = read_frame(ack_timeout);
        if (!answer) return fail(answer.error());
        frame = *answer;
        first = false;
      } else {
        Result<bool> got = next_frame(frame);
        if (!got) return fail(got.error());
        if (!*got) break;
      }
      if (frame.command == "serverclose") {
        return fail(ErrorCode::io, "RELP: the receiver is closing the session");
      }
      if (frame.command != "rsp") continue;
      auto it = unanswered.begin();
      while (it != unanswered.end() && it->first != frame.txnr) ++it;
      if (it == unanswered.end()) continue;  // an answer to nothing of ours: ignored
      if (!frame.data.starts_with("200")) {
        return fail(ErrorCode::io, "RELP: the receiver refused a message: " +
                                       std::string(frame.data.substr(0, 200)));
      }
      acked[it->second] = true;
      unanswered.erase(it);
    }
  }
}

void RelpSession::close(Duration timeout) {
  out_.clear();
  const std::uint64_t txnr = txnr_;
  append_command("close", "");
  if (!connection_.send_all(out_)) return;
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    Result<Frame> answer = read_frame(deadline - Clock::now());
    if (!answer || (answer->command == "rsp" && answer->txnr == txnr)) return;
  }
}

}  // namespace horolog
