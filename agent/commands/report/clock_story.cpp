// Which events tell what: a distinct host.clock measurement is a point of the offset band, an NTP
// statistics record a point of its series, an event of category `time` or kind `alert` a mark.
#include "agent/commands/report/clock_story.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "parsers/ntp/clock_events.h"

namespace horolog::report {

namespace {

// Measurements remembered per host: the events of a batch share one, and a few inputs of the
// same host may interleave theirs.
constexpr std::size_t kRecentMeasurements = 8;

// Actions that change the clock, as opposed to reporting on the time service.
bool changes_clock(std::string_view action) {
  return action == "clock_step" || action == "clock_jump" || action == "time_command" ||
         action == "clock_changed";
}

// The time service's own records (its statistics, its log, its process). The parsers say who
// made a step (horolog.clock.changed_by); for NDJSON written before they did, the process
// name tells the time daemons.
bool by_time_service(const ReportEvent& event) {
  if (!event.changed_by.empty()) return event.changed_by == "time_service";
  return event.dataset.starts_with("ntp.") || event.dataset.starts_with("chrony.") ||
         ntp::is_time_daemon(event.process);
}

// Who made a step, when anybody can tell.
bool by_someone_known(const ReportEvent& event) {
  if (!event.changed_by.empty()) return event.changed_by != "unknown";
  return !event.process.empty();
}

void widen(HostStory& story, double time_s) {
  story.first_s = std::min(story.first_s.value_or(time_s), time_s);
  story.last_s = std::max(story.last_s.value_or(time_s), time_s);
}

std::string tampering_reason(const ReportEvent& event) {
  std::string reason;
  if (event.kind == "alert") {
    reason = "alert";
    if (!event.rule_name.empty()) reason += ": " + std::string(event.rule_name);
    if (!event.technique_id.empty()) reason += " (" + std::string(event.technique_id) + ")";
    return reason;
  }
  reason = std::string(event.action) + " by " + std::string(event.process);
  return reason;
}

}  // namespace

HostStory* ClockStories::story_of(std::string_view host) {
  const auto found = hosts_.find(host);
  if (found != hosts_.end()) return &found->second;
  if (hosts_.size() >= kMaxHosts) {
    ++hosts_dropped_;
    return nullptr;
  }
  return &hosts_.try_emplace(std::string(host)).first->second;
}

void ClockStories::add(const ReportEvent& event) {
  ++events_;
  // A repaired event's host.clock is its correction, not a measurement of the clock.
  const bool repaired = event.corrected_s && event.clock_source == "time_change";
  const bool measured =
      !repaired && event.offset_ms && event.measured_at_s && !event.measured_at.empty();
  const bool ntp = event.ntp_offset_s && event.time_s;
  const bool mark = event.time_s &&
                    ((event.category == "time" && !event.action.empty()) || event.kind == "alert");
  const bool sender = event.sender_offset_ms.has_value();
  if (!measured && !ntp && !mark && !sender && !repaired) return;

  HostStory* story = story_of(event.host);
  if (story == nullptr) return;
  if (measured) add_measurement(*story, event);
  if (ntp) add_ntp(*story, event, *event.time_s);
  // On the time axis at its true time: a change made while the clock was wrong is repaired too.
  if (mark) add_mark(*story, event, event.corrected_s.value_or(*event.time_s));
  if (sender) add_sender(*story, event);
  if (repaired) ++story->repaired;
}

void ClockStories::add_measurement(HostStory& story, const ReportEvent& event) {
  auto& recent = story.recent_measurements;
  if (std::find(recent.begin(), recent.end(), event.measured_at) != recent.end()) return;
  if (recent.size() == kRecentMeasurements) recent.pop_front();
  recent.emplace_back(event.measured_at);

  const double time_s = *event.measured_at_s;
  const double offset_ms = *event.offset_ms;
  story.offset.add(time_s, offset_ms, std::abs(event.error_ms.value_or(0)));
  widen(story, time_s);

  // Only changes of state are kept as signals: a steady run of measurements costs nothing.
  if (event.synchronized && *event.synchronized != story.last_synchronized) {
    if (*event.synchronized) {
      story.untrusted.synchronized(time_s);
    } else {
      story.untrusted.distrust(
          time_s, Distrust::unsynchronized,
          "host.clock.synchronized is false (source " + std::string(event.clock_source) + ")");
    }
    story.last_synchronized = event.synchronized;
  }
  const bool large = std::abs(offset_ms) > kLargeOffsetMs;
  if (large != story.last_large) {
    if (large) {
      char text[96];
      std::snprintf(text, sizeof text, "offset %.3f ms, beyond %.0f ms", offset_ms, kLargeOffsetMs);
      story.untrusted.distrust(time_s, Distrust::large_offset, text);
    } else {
      story.untrusted.offset_fine(time_s);
    }
    story.last_large = large;
  }
}

void ClockStories::add_ntp(HostStory& story, const ReportEvent& event, double time_s) {
  std::string name(event.dataset);
  if (!event.ntp_peer.empty()) name += " " + std::string(event.ntp_peer);
  auto series = story.ntp.find(name);
  if (series == story.ntp.end()) {
    if (story.ntp.size() >= kMaxNtpSeries) return;
    series = story.ntp.try_emplace(std::move(name)).first;
  }
  series->second.add(time_s, *event.ntp_offset_s * 1e3,
                     std::abs(event.ntp_error_s.value_or(0)) * 1e3);
  widen(story, time_s);
}

void ClockStories::add_mark(HostStory& story, const ReportEvent& event, double time_s) {
  widen(story, time_s);
  const bool alert = event.kind == "alert";
  if (event.action == "sync_gained") story.untrusted.synchronized(time_s);
  if (event.action == "sync_lost") {
    story.untrusted.distrust(time_s, Distrust::sync_lost,
                             "sync_lost: " + std::string(event.message.substr(0, 120)));
  }
  const bool step = changes_clock(event.action) && by_someone_known(event);
  if (step && by_time_service(event)) {
    // The time service setting the clock is a synchronization, even when the size of its step
    // is alarming (that alarm is about the time before it, which the step ends).
    story.untrusted.synchronized(time_s);
  } else if (alert || step) {
    story.untrusted.distrust(time_s, Distrust::tampering, tampering_reason(event));
  }
  if (story.marks.size() >= kMaxMarks) {
    ++story.marks_dropped;
    return;
  }
  story.marks.push_back({time_s, std::string(event.action), event.step_s, alert,
                         std::string(event.rule_name), std::string(event.technique_id),
                         std::string(event.message.substr(0, 300))});
}

void ClockStories::add_sender(HostStory& story, const ReportEvent& event) {
  const std::string_view key = event.source_ip.empty() ? event.host : event.source_ip;
  auto sender = story.senders.find(std::string(key));
  if (sender == story.senders.end()) {
    if (story.senders.size() >= kMaxSenders) {
      ++story.senders_dropped;
      return;
    }
    const double offset_ms = *event.sender_offset_ms;
    sender = story.senders
                 .try_emplace(std::string(key), SenderSkew{offset_ms, offset_ms, offset_ms, 0, 0})
                 .first;
  }
  SenderSkew& skew = sender->second;
  skew.last_offset_ms = *event.sender_offset_ms;
  skew.min_offset_ms = std::min(skew.min_offset_ms, skew.last_offset_ms);
  skew.max_offset_ms = std::max(skew.max_offset_ms, skew.last_offset_ms);
  skew.samples = event.sender_samples.value_or(skew.samples);
  ++skew.events;
}

}  // namespace horolog::report
