// Records are found by their `<Event` start tag, wherever they sit (root-less sequence, inside
// <Events>), so one reader serves every XML export shape.
#include "parsers/winevent/xml_event_reader.h"

#include "parsers/winevent/windows_clock_rules.h"
#include "parsers/winevent/winlog_mapper.h"
#include "parsers/winevent/xml_text_reader.h"

namespace horolog::winevent {

XmlEventReader::XmlEventReader(std::string_view input, std::uint64_t resume_position) noexcept
    : input_(input), position_(resume_position < input.size() ? resume_position : input.size()) {}

std::size_t XmlEventReader::find_event(std::size_t from) const noexcept {
  for (std::size_t at = input_.find("<Event", from); at != std::string_view::npos;
       at = input_.find("<Event", at + 6)) {
    const std::size_t after = at + 6;
    if (after >= input_.size()) return std::string_view::npos;
    const char c = input_[after];
    if (c == '>' || c == ' ' || c == '/' || c == '\t' || c == '\r' || c == '\n') return at;
  }
  return std::string_view::npos;
}

bool XmlEventReader::next(Event& event, ParseContext& ctx) noexcept {
  const std::size_t start = find_event(position_);
  if (start == std::string_view::npos) {
    position_ = input_.size();
    return false;
  }
  event.dataset = "winevent.xml";
  event.offset = start;
  std::size_t pos = start;
  if (!read_xml_element(input_, pos, tree_, ctx.arena)) {
    // Up to the next record, so one broken element costs one event, not the rest of the file.
    std::size_t end = find_event(start + 6);
    if (end == std::string_view::npos) end = input_.size();
    mark_unparsed(input_.substr(start, end - start), "malformed_xml", event);
    if (event.host.empty()) event.host = ctx.host;
    ctx.time.resolve_missing(event);
    position_ = end;
    return true;
  }
  position_ = pos;
  WinlogSeen seen;
  if (map_winlog_event(tree_, ctx, event, seen) == ParseStatus::error) {
    mark_unparsed(input_.substr(start, pos - start), "not_an_event", event);
  }
  if (!seen.timestamp) ctx.time.resolve_missing(event);
  if (event.host.empty()) event.host = ctx.host;
  apply_windows_clock_rules(event, ctx.arena);
  return true;
}

}  // namespace horolog::winevent
