// Maps one Windows event exported as JSON (any dialect of json_event_time.h) onto an Event with
// the names the EVTX and XML readers use: winlog.provider_name, event_id, record_id, channel,
// computer_name, process.pid, user.identifier, event_data.*, ...; event.code; host.name.
// Buffer lifetime: strings are copied to ctx.arena; numbers and nested JSON (arrays, objects
// kept whole) view into the record.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "normalizer/event.h"
#include "parsers/parser.h"
#include "parsers/winevent/json_event_time.h"

namespace horolog::winevent {

class JsonEventMapper {
 public:
  enum class Outcome : std::uint8_t {
    mapped,            // the event is filled (its time flagged no_timestamp when none was usable)
    malformed,         // not a JSON object: the caller ships the raw text
    needs_correction,  // OTRF record with only TimeCreated: learn a correction, then map again
  };

  // `correction` is learned from (and applied to) OTRF records. PowerShell's unnamed Properties
  // become event_data.param1, param2, ... (as unnamed <Data> elements do); members of the flat
  // dialects that are no System field become event_data.<member>.
  Outcome map(std::string_view record, ParseContext& ctx, Event& event,
              TimeCreatedCorrection& correction) noexcept;

 private:
  simdjson::ondemand::parser json_;
  simdjson::dom::parser validator_;  // for arrays and objects passed on as JSON text
  std::string padded_;               // the record plus simdjson's padding; capacity reused
};

}  // namespace horolog::winevent
