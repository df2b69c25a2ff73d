// User time formats (`time_format:` in an input's config): strptime-style patterns compiled once
// at start-up and applied per record without allocation, and an ordered list of fallbacks.
//
// Directives: %Y (4-digit year) %y (2 digits: 69..99 -> 19xx, 00..68 -> 20xx) %m %d %e (day,
// space-padded allowed) %b %h %B (English month name, abbreviated or full) %a %A (weekday name,
// skipped) %H %I (with %p) %M %S (00..60) %f (fraction digits after a literal `.` or `,`; beyond
// nine they are cut and flagged)
// %p (AM/PM) %z (`Z`, `±hh:mm`, `±hhmm`, `±hh`) %Z (UTC/GMT/Z, common abbreviations such as EST
// or CEST, or an IANA name such as Europe/Berlin) %T (%H:%M:%S) %F (%Y-%m-%d) %D (%m/%d/%y)
// %R (%H:%M) %%, and %s alone (seconds since the Unix epoch, optional fraction). A space matches
// any run of spaces and tabs, including none; other characters match themselves. A pattern without
// a year gives year-less times (the year is inferred).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "normalizer/civil_time.h"
#include "normalizer/zone.h"

namespace horolog {

class TimeFormat {
 public:
  // invalid_config for an unknown directive, a pattern without month and day, or %I without %p.
  static Result<TimeFormat> compile(std::string_view pattern);

  // Reads from the start of `text`; returns the characters consumed, 0 when it does not match.
  // Not thread-safe: a %Z IANA name is looked up once and kept (the CivilTime points at it), so
  // use one TimeFormat per worker, like the parser that owns it.
  std::size_t parse(std::string_view text, CivilTime& out) noexcept;

  const std::string& pattern() const noexcept { return pattern_; }

 private:
  enum class Kind : std::uint8_t {
    literal,
    space,
    year4,
    year2,
    month,
    month_name,
    day,
    day_padded,
    weekday_name,
    hour24,
    hour12,
    minute,
    second,
    fraction,
    meridiem,
    offset,
    zone_name,
  };
  struct Step {
    Kind kind;
    char literal = 0;
  };
  explicit TimeFormat(std::string_view pattern) : pattern_(pattern) {}
  // Appends the steps of `pattern` (a directive such as %T expands to more steps); returns the
  // problem with it, or an empty string.
  std::string add_steps(std::string_view pattern);
  const Zone* named_zone(std::string_view name) noexcept;

  std::string pattern_;
  bool epoch_seconds_ = false;  // the pattern is exactly %s
  std::vector<Step> steps_;
  // Zones met through %Z, kept at stable addresses; the list is short and only grows.
  std::vector<std::unique_ptr<Zone>> zones_;
};

// Formats tried in order; the first that reads the whole text wins.
class TimeFormatList {
 public:
  TimeFormatList() = default;
  // Fails like TimeFormat::compile, on the first pattern that does.
  static Result<TimeFormatList> compile(const std::vector<std::string>& patterns);

  // Fills `out` from the first format that consumes all of `text`; returns its index, or -1.
  int parse(std::string_view text, CivilTime& out) noexcept;
  // parse(), then RFC 3339 as the last fallback (what most structured logs carry).
  bool parse_or_rfc3339(std::string_view text, CivilTime& out) noexcept;
  bool empty() const noexcept { return formats_.empty(); }

 private:
  std::vector<TimeFormat> formats_;
};

}  // namespace horolog
