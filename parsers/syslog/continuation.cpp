// Inheritance of time and origin by headerless lines of multi-line syslog messages.
#include "parsers/syslog/continuation.h"

namespace horolog::syslog {

bool is_continuation(const Event& event) noexcept {
  return !event.fields.empty() && event.fields.back().key == kContinuationKey;
}

void ContinuationMemory::remember(const Event& event) {
  valid_ = true;
  timestamp_ = event.timestamp;
  precision_digits_ = event.precision_digits;
  time_zone_ = event.time_zone;
  time_flags_ = event.time_flags;
  stamped_by_host_clock_ = event.stamped_by_host_clock;
  host_.assign(event.host);
  app_.assign(event.app);
  pid_ = event.pid;
  facility_ = event.facility;
  severity_ = event.severity;
  dataset_ = event.dataset;
}

bool ContinuationMemory::apply(std::string_view record, ParseContext& ctx, Event& event) {
  if (!valid_) return false;
  event.timestamp = timestamp_;
  event.precision_digits = precision_digits_;
  event.time_zone = time_zone_;
  event.time_flags = time_flags_;
  event.stamped_by_host_clock = stamped_by_host_clock_;
  event.host = host_.empty() ? std::string_view{} : ctx.arena.copy(host_);
  event.app = app_.empty() ? std::string_view{} : ctx.arena.copy(app_);
  event.pid = pid_;
  event.facility = facility_;
  event.severity = severity_;
  event.dataset = dataset_;
  event.message = record;
  event.add(kContinuationKey, FieldValue::boolean(true));
  return true;
}

}  // namespace horolog::syslog
