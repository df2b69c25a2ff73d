// Reader for Windows events exported as XML: `wevtutil qe /f:xml` (a sequence of <Event>
// elements without a root), Event Viewer "Save as XML" (<Events> root with an XML declaration)
// and Get-WinEvent ToXml(); RenderingInfo (Message, Level, ...) is kept when present.
#pragma once

#include <cstdint>
#include <string_view>

#include "parsers/record_reader.h"
#include "parsers/winevent/xml_tree.h"

namespace horolog::winevent {

class XmlEventReader final : public RecordReader {
 public:
  // `input` (UTF-8, an optional BOM) must outlive the events: their views point into it or into
  // ctx.arena. Starts at `resume_position`, a value of position() from an earlier reader.
  explicit XmlEventReader(std::string_view input, std::uint64_t resume_position = 0) noexcept;

  // One event per <Event> element, dataset "winevent.xml". An element that is not well-formed
  // yields an event with parse_error whose message is its raw text.
  [[nodiscard]] bool next(Event& event, ParseContext& ctx) noexcept override;
  std::uint64_t position() const noexcept override { return position_; }

 private:
  // Offset of the next `<Event` start tag at or after `from`, or npos.
  std::size_t find_event(std::size_t from) const noexcept;

  std::string_view input_;
  XmlTree tree_;
  std::uint64_t position_ = 0;
};

}  // namespace horolog::winevent
