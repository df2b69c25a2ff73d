// Shared parser helpers: status names and the fallback event for records that do not parse.
#include "parsers/parser.h"

namespace horolog {

std::string_view to_string(ParseStatus status) noexcept {
  switch (status) {
    case ParseStatus::ok: return "ok";
    case ParseStatus::partial: return "partial";
    case ParseStatus::error: return "error";
    case ParseStatus::skipped: return "skipped";
  }
  return "error";
}

void discard_parse(Event& event) noexcept {
  event.timestamp = {};
  event.precision_digits = 0;
  event.time_original = {};
  event.time_zone = {};
  event.time_flags.clear();
  event.stamped_by_host_clock = false;
  event.host = {};
  event.app = {};
  event.pid = -1;
  event.facility = -1;
  event.severity = -1;
  event.message = {};
  event.dataset = {};
  event.error = {};
  event.flags &= static_cast<std::uint8_t>(~static_cast<std::uint8_t>(EventFlag::parse_error));
  event.fields.clear();
}

void mark_unparsed(std::string_view record, std::string_view reason, Event& event) noexcept {
  discard_parse(event);
  event.timestamp = event.created;
  event.time_flags.set(TimeFlag::no_timestamp);
  event.message = record;
  event.error = reason;
  event.set(EventFlag::parse_error);
}

}  // namespace horolog
