// Reader for Windows events exported as JSON: PowerShell ConvertTo-Json (an array, or one
// object), Winlogbeat, NXLog, OTRF and Sentinel NDJSON (LF or CRLF). One event per array
// element or line; dataset "winevent.json". The member the time came from is named in
// horolog.time.source (json_event_time.h says which member each dialect trusts).
#pragma once

#include <cstdint>
#include <string_view>

#include "parsers/record_reader.h"
#include "parsers/winevent/json_event_mapper.h"
#include "parsers/winevent/json_record_splitter.h"

namespace horolog::winevent {

class JsonEventReader final : public RecordReader {
 public:
  // `input` must outlive the events. Starts at `resume_position`, a position() value.
  explicit JsonEventReader(std::string_view input, std::uint64_t resume_position = 0) noexcept;

  // A record that is not a JSON object yields an event with parse_error whose message is its
  // raw text (reason malformed_json).
  [[nodiscard]] bool next(Event& event, ParseContext& ctx) noexcept override;
  std::uint64_t position() const noexcept override { return position_; }

 private:
  // Learns the OTRF TimeCreated correction from the first later record that has UtcTime (once
  // per reader: the records before any such pair need it).
  void learn_ahead(std::size_t from) noexcept;

  std::string_view input_;
  JsonRecordSplitter splitter_;
  JsonEventMapper mapper_;
  TimeCreatedCorrection correction_;
  std::uint64_t position_ = 0;
};

}  // namespace horolog::winevent
