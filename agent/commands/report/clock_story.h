// Each host's clock story, aggregated event by event as the input is read: its measured offset,
// its NTP statistics, its clock changes and alerts, its senders' skew, and when it was untrusted.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "agent/commands/report/decimated_series.h"
#include "agent/commands/report/report_event.h"
#include "agent/commands/report/untrusted_periods.h"

namespace horolog::report {

// A clock change or a tampering alert, drawn as a mark on the host's time axis.
struct ClockMark {
  double time_s = 0;
  std::string action;  // event.action
  std::optional<double> step_s;
  bool alert = false;  // event.kind: alert
  std::string rule_name;
  std::string technique_id;
  std::string message;
};

// The clock skew horolog measured on a network sender.
struct SenderSkew {
  double last_offset_ms = 0;
  double min_offset_ms = 0;
  double max_offset_ms = 0;
  std::int64_t samples = 0;  // as the last event said
  std::uint64_t events = 0;
};

struct HostStory {
  DecimatedSeries offset;  // host.clock.offset_ms ± error_ms, one point per measurement
  std::map<std::string, DecimatedSeries> ntp;  // offset in ms, by "dataset peer"
  std::vector<ClockMark> marks;
  std::uint64_t marks_dropped = 0;  // past kMaxMarks
  std::map<std::string, SenderSkew> senders;
  std::uint64_t senders_dropped = 0;  // events of senders past kMaxSenders
  std::uint64_t repaired = 0;         // events whose time was repaired after a clock change
  UntrustedPeriods untrusted;
  std::optional<double> first_s;  // the time span of everything drawn
  std::optional<double> last_s;

  // What was last measured (in arrival order), to draw each measurement once.
  std::deque<std::string> recent_measurements;
  std::optional<bool> last_synchronized;
  std::optional<bool> last_large;
};

// By host.name, which `std::less<>` lets the events' views look up without a copy.
using HostStories = std::map<std::string, HostStory, std::less<>>;

class ClockStories {
 public:
  void add(const ReportEvent& event);

  const HostStories& hosts() const noexcept { return hosts_; }
  std::uint64_t events() const noexcept { return events_; }
  std::uint64_t hosts_dropped() const noexcept { return hosts_dropped_; }

  // Bounds that keep memory flat however large the input.
  static constexpr std::size_t kMaxHosts = 256;
  static constexpr std::size_t kMaxMarks = 2000;
  static constexpr std::size_t kMaxNtpSeries = 12;
  static constexpr std::size_t kMaxSenders = 256;

 private:
  HostStory* story_of(std::string_view host);
  void add_measurement(HostStory& story, const ReportEvent& event);
  void add_ntp(HostStory& story, const ReportEvent& event, double time_s);
  void add_mark(HostStory& story, const ReportEvent& event, double time_s);
  void add_sender(HostStory& story, const ReportEvent& event);

  HostStories hosts_;
  std::uint64_t events_ = 0;
  std::uint64_t hosts_dropped_ = 0;
};

}  // namespace horolog::report
