// The splitter cuts records, the mapper reads them; this file ties both to reader positions.
#include "parsers/winevent/json_event_reader.h"

#include "parsers/winevent/windows_clock_rules.h"

namespace horolog::winevent {
namespace {

// The string value of member `key` in the raw record (OTRF writes these without escapes).
std::string_view raw_string_member(std::string_view record, std::string_view key) noexcept {
  for (std::size_t at = record.find(key); at != std::string_view::npos;
       at = record.find(key, at + 1)) {
    std::size_t pos = at + key.size();
    if (at == 0 || record[at - 1] != '"' || record.substr(pos, 2) != "\":") continue;
    pos += 2;
    while (pos < record.size() && record[pos] == ' ') ++pos;
    if (pos >= record.size() || record[pos] != '"') return {};
    const std::size_t end = record.find('"', pos + 1);
    return end == std::string_view::npos ? std::string_view{}
                                         : record.substr(pos + 1, end - pos - 1);
  }
  return {};
}

}  // namespace

JsonEventReader::JsonEventReader(std::string_view input, std::uint64_t resume_position) noexcept
    : input_(input),
      splitter_(input),
      position_(resume_position < input.size() ? resume_position : input.size()) {}

void JsonEventReader::learn_ahead(std::size_t from) noexcept {
  correction_.mark_searched();
  JsonRecordSpan span;
  while (splitter_.next(from, span)) {
    const std::string_view record = input_.substr(span.begin, span.end - span.begin);
    const std::string_view utc = raw_string_member(record, "UtcTime");
    if (!utc.empty() && correction_.learn(raw_string_member(record, "TimeCreated"), utc)) return;
    from = span.next;
  }
}

bool JsonEventReader::next(Event& event, ParseContext& ctx) noexcept {
  JsonRecordSpan span;
  if (!splitter_.next(position_, span)) {
    position_ = input_.size();
    return false;
  }
  position_ = span.next;
  const std::string_view record = input_.substr(span.begin, span.end - span.begin);
  event.offset = span.begin;
  auto outcome = span.balanced ? mapper_.map(record, ctx, event, correction_)
                               : JsonEventMapper::Outcome::malformed;
  if (outcome == JsonEventMapper::Outcome::needs_correction) {
    // Without a later pair either, the record's time is unknown (flagged), not TimeCreated.
    learn_ahead(span.next);
    discard_parse(event);
    outcome = mapper_.map(record, ctx, event, correction_);
  }
  if (outcome == JsonEventMapper::Outcome::malformed) {
    mark_unparsed(record, "malformed_json", event);
    event.dataset = "winevent.json";
    ctx.time.resolve_missing(event);
    if (event.host.empty()) event.host = ctx.host;
  }
  apply_windows_clock_rules(event, ctx.arena);
  return true;
}

}  // namespace horolog::winevent
