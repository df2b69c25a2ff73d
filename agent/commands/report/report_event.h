// The members of one horolog NDJSON event that the clock report reads, pulled out of the line
// once so the aggregation works on plain values and can be tested without JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "normalizer/error.h"

namespace horolog::report {

// Text members are views into the reader's parsed document: valid until its next read().
struct ReportEvent {
  std::optional<double> time_s;  // @timestamp, seconds since the epoch
  std::string_view host;         // host.name
  std::string_view dataset;      // event.dataset
  std::string_view kind;         // event.kind
  std::string_view category;     // event.category
  std::string_view action;       // event.action
  std::string_view message;
  std::string_view process;       // process.name: tells the time service's steps from others'
  std::string_view changed_by;    // horolog.clock.changed_by: time_service or other, when known
  std::string_view rule_name;     // rule.name
  std::string_view technique_id;  // threat.technique.id
  std::optional<double> step_s;   // horolog.clock.step_s

  // host.clock: the host clock measurement this event was stamped with.
  std::optional<double> offset_ms;
  std::optional<double> error_ms;
  std::optional<double> measured_at_s;
  std::string_view measured_at;  // its text, which tells one measurement from the next
  std::optional<bool> synchronized;
  std::string_view clock_source;  // host.clock.source
  // horolog.time.corrected: when the event happened, as far as horolog can tell
  std::optional<double> corrected_s;

  // The offset column of an NTP statistics record (ntpd/ntpsec loopstats, peerstats; chrony
  // tracking, statistics, measurements), and the peer or source it is about when there are many.
  std::optional<double> ntp_offset_s;
  std::optional<double> ntp_error_s;
  std::string_view ntp_peer;

  // Clock skew measured on a network sender (horolog.sender.clock.*), keyed by source.ip.
  std::optional<double> sender_offset_ms;
  std::optional<std::int64_t> sender_samples;
  std::string_view source_ip;
};

}  // namespace horolog::report
