// Feeds the clock stories from one input: horolog's NDJSON read line by line as it is, raw logs
// first through the same pipeline as `horolog parse` (source, read loop, NDJSON encoder).
#pragma once

#include <string>

#include "agent/commands/report/clock_story.h"
#include "agent/commands/report/ndjson_event_reader.h"
#include "agent/engine/sources/source_factory.h"
#include "normalizer/error.h"

namespace horolog::report {

class ReportInput {
 public:
  // `raw` says how raw logs are read (format, zone, host), as parse's options do.
  ReportInput(ClockStories& stories, SourceOptions raw) : stories_(stories), raw_(std::move(raw)) {}

  // Reads `path` (`-`: standard input) to its end. Which kind it is, is decided from its first
  // line: a JSON object with `@timestamp` and horolog's members is NDJSON, anything else raw.
  Result<void> read(const std::string& path);

  // One NDJSON line into the stories (lines that are not JSON objects are counted, not fatal).
  void add_line(std::string_view line);
  std::uint64_t unreadable_lines() const noexcept { return unreadable_; }

 private:
  Result<void> read_ndjson(int fd, std::string pending);
  Result<void> read_raw(const std::string& path, int fd);

  ClockStories& stories_;
  SourceOptions raw_;
  NdjsonEventReader reader_;
  ReportEvent event_;
  std::uint64_t unreadable_ = 0;
};

}  // namespace horolog::report
