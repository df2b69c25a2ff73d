// Signals are kept and replayed in time order at the end, because events of one host arrive from
// several files (its syslog, its NTP statistics) that are each in order but not with each other.
#include "agent/commands/report/untrusted_periods.h"

#include <algorithm>
#include <array>

namespace horolog::report {

std::string_view to_string(Distrust distrust) noexcept {
  switch (distrust) {
    case Distrust::unsynchronized: return "not synchronized";
    case Distrust::sync_lost: return "synchronization lost";
    case Distrust::tampering: return "clock tampering";
    case Distrust::large_offset: return "large offset";
  }
  return "unknown";
}

void UntrustedPeriods::push(Entry entry) {
  if (signals_.size() >= kMaxSignals) {
    ++dropped_;
    return;
  }
  signals_.push_back(std::move(entry));
}

void UntrustedPeriods::distrust(double time_s, Distrust kind, std::string reason) {
  push({time_s, Signal::distrust, kind, std::move(reason)});
}

void UntrustedPeriods::synchronized(double time_s) {
  push({time_s, Signal::synchronized, Distrust::unsynchronized, {}});
}

void UntrustedPeriods::offset_fine(double time_s) {
  push({time_s, Signal::offset_fine, Distrust::large_offset, {}});
}

std::vector<UntrustedPeriod> UntrustedPeriods::periods() const {
  std::vector<const Entry*> ordered;
  ordered.reserve(signals_.size());
  for (const Entry& entry : signals_) ordered.push_back(&entry);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const Entry* a, const Entry* b) { return a->time_s < b->time_s; });

  std::vector<UntrustedPeriod> periods;
  std::array<std::optional<std::size_t>, 4> open;  // index into periods, per kind
  const auto close = [&](Distrust kind, double time_s) {
    std::optional<std::size_t>& index = open[static_cast<std::size_t>(kind)];
    if (index) periods[*index].end_s = time_s;
    index.reset();
  };
  for (const Entry* entry : ordered) {
    switch (entry->signal) {
      case Signal::distrust: {
        std::optional<std::size_t>& index = open[static_cast<std::size_t>(entry->kind)];
        if (!index) {
          index = periods.size();
          periods.push_back({entry->kind, entry->time_s, std::nullopt, entry->reason});
        }
        break;
      }
      case Signal::synchronized:
        close(Distrust::unsynchronized, entry->time_s);
        close(Distrust::sync_lost, entry->time_s);
        close(Distrust::tampering, entry->time_s);
        break;
      case Signal::offset_fine: close(Distrust::large_offset, entry->time_s); break;
    }
  }
  return periods;
}

}  // namespace horolog::report
