// Shared parser test fixture: resolver, arena, sample walks through the framer.
#include "tests/parsers/parse_harness.h"

#include <date/date.h>

#include <chrono>

#include "parsers/framer.h"
#include "tests/support/test_paths.h"

namespace horolog::test {

SysNanos reference_time() {
  using namespace std::chrono;
  return SysNanos{date::sys_days{date::year{2026} / 11 / 30} + hours{12}};
}

ParseHarness::ParseHarness(std::string_view zone)
    : time_(TimeResolverSettings{Zone::find(zone).value(), reference_time()}),
      ctx_{time_, arena_, "this-host"} {}

ParseStatus ParseHarness::parse(Parser& parser, std::string_view record) {
  event_.reset();
  event_.created = reference_time();
  return parser.parse(record, ctx_, event_);
}

const Field* ParseHarness::field(std::string_view key) const {
  for (const Field& f : event_.fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

SampleWalk walk_sample(Parser& parser, const std::filesystem::path& path, bool keep) {
  SampleWalk walk;
  walk.bytes = read_file(path);
  const std::string_view bytes = walk.bytes;
  for (std::size_t start = 0; start < bytes.size();) {
    std::size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) ++walk.lines;
    start = end + 1;
  }

  TimeResolver time(TimeResolverSettings{Zone::utc(), reference_time()});
  ParseContext ctx{time, walk.arena, "this-host"};
  Framer framer;
  FramedRecord record;
  Event event;
  for (std::size_t pos = 0; framer.next(bytes, pos, record, true);) {
    event.reset();
    event.created = reference_time();
    const ParseStatus status = parser.parse(record.text, ctx, event);
    if (status == ParseStatus::skipped) {
      ++walk.skipped;
      continue;
    }
    ++walk.events;
    if (status == ParseStatus::error || event.has(EventFlag::parse_error)) {
      if (walk.parse_errors++ == 0) walk.first_error = std::string(record.text);
    }
    if (keep) walk.kept.push_back(event);
  }
  return walk;
}

std::string iso(SysNanos time) { return date::format("%FT%TZ", time); }

}  // namespace horolog::test
