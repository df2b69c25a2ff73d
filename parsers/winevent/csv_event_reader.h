// Reader for Event Viewer "Save as CSV" exports: a header naming five columns (Level, Date and
// Time, Source, Event ID, Task Category; translated with the UI language) and rows of six, the
// sixth the unnamed message. Dates are the exporting machine's local time (the input's zone)
// and the rows are newest first, which decides the repeated hour of a DST fall-back. One event
// per row, dataset "winevent.csv"; horolog.time.source is "Date and Time".
#pragma once

#include <cstdint>
#include <string_view>

#include "parsers/record_reader.h"
#include "parsers/winevent/date_order.h"

namespace horolog::winevent {

class CsvEventReader final : public RecordReader {
 public:
  // `input` (UTF-8, an optional BOM) must outlive the events: their views point into it or
  // into ctx.arena. Starts at `resume_position`, a position() value.
  CsvEventReader(std::string_view input, DateOrder date_order,
                 std::uint64_t resume_position = 0) noexcept;

  // A row with fewer than five fields or an unterminated quote yields an event with parse_error
  // whose message is the raw row (reason malformed_csv). A row whose date does not read keeps
  // its fields and is flagged no_timestamp.
  [[nodiscard]] bool next(Event& event, ParseContext& ctx) noexcept override;
  std::uint64_t position() const noexcept override { return position_; }

 private:
  // Settles auto_detect from the dates of the rows at or after `from`: dotted dates are day
  // first, AM/PM ones month first; otherwise the first date whose day or month exceeds 12; day
  // first when none does.
  void detect_order(std::size_t from) noexcept;

  std::string_view input_;
  DateOrder order_;
  std::uint64_t position_ = 0;
  std::size_t body_ = 0;  // first byte after the BOM
};

}  // namespace horolog::winevent
