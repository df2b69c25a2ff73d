// Event and EventBatch reuse: a batch keeps its events and their field vectors between reads.
#include "normalizer/event.h"

namespace horolog {

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
