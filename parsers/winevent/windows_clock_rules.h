// Tags Windows events that change the clock or the time service, with the vocabulary the time
// daemons' syslog messages get (event.category time, event.action clock_step, sync_gained, ...),
// flags tampering as alerts, and sets Event::clock_change. Run by every Windows event reader
// after it mapped a record, so EVTX, XML, JSON and CSV give the same fields for one event.
#pragma once

#include "normalizer/event.h"
#include "normalizer/string_arena.h"

namespace horolog::winevent {

// A step back further than this is an alert whoever made it. The usual benign big steps are a
// daylight-saving hour (a hardware clock kept in local time); W32Time itself would step back up
// to 15 hours outside a domain and any amount inside one (MaxNegPhaseCorrection), so the limit
// is horolog's choice, not Windows'.
inline constexpr Nanoseconds kLargeBackwardStep = std::chrono::hours(1);

// Adds the fields to `event` when its provider and id are one of the rules'; otherwise looks at
// the event id only and allocates nothing. Texts built here (RFC 3339 readings, a registry path)
// go to `arena`.
void apply_windows_clock_rules(Event& event, StringArena& arena) noexcept;

}  // namespace horolog::winevent
