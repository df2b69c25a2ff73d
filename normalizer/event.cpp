// Event and EventBatch reuse: a batch keeps its events and their field vectors between reads.
#include "normalizer/event.h"

namespace horolog {

std::string_view to_string(ClockChange::By by) noexcept {
  switch (by) {
    case ClockChange::By::none: return "none";
    case ClockChange::By::time_service: return "time_service";
    case ClockChange::By::other: return "other";
    case ClockChange::By::unknown: return "unknown";
  }
  return "none";
}

void Event::reset() noexcept {
  std::vector<Field> kept = std::move(fields);
  kept.clear();
  *this = Event{};
  fields = std::move(kept);
}

Event& EventBatch::next_event() {
  if (size == events.size()) events.emplace_back();
  Event& event = events[size++];
  event.reset();
  return event;
}

void EventBatch::clear() noexcept {
  bytes.clear();
  arena.clear();
  size = 0;
  backing.reset();
}

}  // namespace horolog
