// Multi-line syslog messages written raw into a file (an embedded newline, macOS tool dumps
// indented under their first line): the lines after the first carry no header of their own.
// They become events that inherit the time and origin of the last header line of the source.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "normalizer/event.h"
#include "parsers/parser.h"

namespace horolog::syslog {

// The boolean field that marks an event made from a headerless line.
inline constexpr std::string_view kContinuationKey = "log.syslog.continuation";

// Whether `event` was made from a headerless line.
bool is_continuation(const Event& event) noexcept;

class ContinuationMemory {
 public:
  // Keeps what a following continuation line inherits. Copies host and app into members,
  // whose capacity is reused, because the record they view may be gone by the next batch.
  void remember(const Event& event);
  // Fills `event` for a headerless line; false when no header line came before it.
  bool apply(std::string_view record, ParseContext& ctx, Event& event);
  void forget() noexcept { valid_ = false; }

 private:
  bool valid_ = false;
  SysNanos timestamp_{};
  std::uint8_t precision_digits_ = 0;
  std::string_view time_zone_;  // names a Zone held by the resolver, which outlives batches
  TimeFlags time_flags_;
  bool stamped_by_host_clock_ = false;
  std::string host_;
  std::string app_;
  std::int64_t pid_ = -1;
  std::int16_t facility_ = -1;
  std::int16_t severity_ = -1;
  std::string_view dataset_;  // static text
};

}  // namespace horolog::syslog
