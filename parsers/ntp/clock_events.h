// Recognises clock events in time-daemon messages (steps, sync gained or lost, leap second
// armed, kernel TIME_ERROR, "System clock wrong by") and tags the event with
// `event.category: time`, `event.action` and, where the text says it, the step in seconds; steps
// with their size and synchronizations gained also set Event::clock_change (by the time service).
#pragma once

#include <string_view>

#include "normalizer/event.h"

namespace horolog::ntp {

// Adds the fields when `message` is a clock event; returns whether it was one.
bool tag_clock_event(std::string_view message, Event& event);

// Whether `app` is a program whose messages are worth scanning (ntpd, chronyd, ...).
bool is_time_daemon(std::string_view app) noexcept;

}  // namespace horolog::ntp
