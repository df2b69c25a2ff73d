// Turns the XML shape of a Windows event (from EVTX or an XML export) into an Event with the
// fields Winlogbeat uses under `winlog.*`. Shared by every reader that sees event XML.
#pragma once

#include <string_view>

#include "normalizer/event.h"
#include "parsers/parser.h"
#include "parsers/winevent/xml_tree.h"

namespace horolog::winevent {

// What the event XML provided, so a reader can fill gaps from its own framing (EVTX record
// headers carry a record id and a write time of their own).
struct WinlogSeen {
  bool timestamp = false;
  bool record_id = false;
};

// Maps `tree` (one <Event> element at its root) onto `event`. Keys are string literals or built
// in ctx.arena; values view into the tree's texts. TimeCreated goes through ctx.time. `ok` when
// System held a provider, an event id and a usable TimeCreated; `partial` when any of them was
// missing or malformed; `error` when the root is not an Event element.
ParseStatus map_winlog_event(const XmlTree& tree, ParseContext& ctx, Event& event,
                             WinlogSeen& seen) noexcept;

}  // namespace horolog::winevent
