// What parser tests share: a UTC resolver with a fixed reference time, an arena, and a walk
// over a whole sample file through the framer that counts events and parse errors.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "normalizer/event.h"
#include "normalizer/string_arena.h"
#include "normalizer/time_resolver.h"
#include "parsers/parser.h"

namespace horolog::test {

// 2026-11-30T12:00:00Z: year-less stamps from later in the year resolve to 2025.
SysNanos reference_time();

class ParseHarness {
 public:
  explicit ParseHarness(std::string_view zone = "UTC");
  ParseStatus parse(Parser& parser, std::string_view record);
  Event& event() { return event_; }
  ParseContext& context() { return ctx_; }
  const Field* field(std::string_view key) const;

 private:
  TimeResolver time_;
  StringArena arena_;
  ParseContext ctx_;
  Event event_;
};

struct SampleWalk {
  std::size_t lines = 0;    // non-blank lines in the file
  std::size_t events = 0;   // events the parser produced
  std::size_t skipped = 0;  // records that are not events (banners)
  std::size_t parse_errors = 0;
  std::string first_error;  // the first record that did not parse
  std::vector<Event> kept;  // the events, when asked for (views into bytes and arena)
  std::string bytes;
  StringArena arena;
};

// Frames the whole file and parses every record with `parser`.
SampleWalk walk_sample(Parser& parser, const std::filesystem::path& path, bool keep = false);

std::string iso(SysNanos time);  // RFC 3339 UTC with nanoseconds, for readable assertions

}  // namespace horolog::test
