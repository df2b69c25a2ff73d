// How format `auto` recognises the Windows event files read whole, by their first bytes, before
// any line is parsed: one sniffer per format, registered in the format table.
#pragma once

#include <string_view>

namespace horolog::winevent {

bool looks_like_evtx(std::string_view head) noexcept;
// An XML declaration or an <Event>/<Events> element with a <System> section.
bool looks_like_event_xml(std::string_view head) noexcept;
// JSON with member names no other JSON log has together, so plain JSON lines stay `json`.
bool looks_like_event_json(std::string_view head) noexcept;
// A header of five names, then a row of six fields (the message is unnamed) with a date second.
bool looks_like_eventviewer_csv(std::string_view head) noexcept;

}  // namespace horolog::winevent
