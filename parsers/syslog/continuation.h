// Multi-line syslog messages written raw into a file (an embedded newline, macOS tool dumps
// indented under their first line): the lines after the first carry no header of their own.
// They become events that inherit the time and origin of the last header line of the source.
// A line that starts like a header is a record of its own, even when its header is malformed.
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

// Whether `line` starts like a record of a syslog or ntpd shape: `<` and a digit (a PRI, in
// range or not), or the beginning of a stamp — `Mmm d[d] ` and a digit, `YYYY-MM-DD` and `T` or
// a space, ntpd's `d[d] Mmm ` and a digit (days 1-9 padded with a space, too). Only the shape is
// looked at, not whether the values are possible: `Feb 30 25:00:00` starts like a header.
bool starts_like_header(std::string_view line) noexcept;

class ContinuationMemory {
 public:
  // Keeps what a following continuation line inherits. Copies host and app into members,
  // whose capacity is reused, because the record they view may be gone by the next batch.
  void remember(const Event& event);
  // Fills `event` for a headerless line; false when no header line came before it, or when
  // `record` starts like a header (a record whose header did not parse is a parse error: it
  // must not be stamped with the time and host of the record before it).
  bool apply(std::string_view record, ParseContext& ctx, Event& event);

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
