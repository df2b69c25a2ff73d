// Counting under a mutex (once per batch, not per event) and the summary table.
#include "agent/engine/run_stats.h"

#include <iomanip>

namespace horolog {

void RunStats::count_batch(const std::string& format, const EventBatch& batch,
                           std::uint64_t bytes) {
  std::uint64_t errors = 0, truncated = 0;
  for (const Event& event : batch) {
    errors += event.has(EventFlag::parse_error);
    truncated += event.has(EventFlag::truncated);
  }
  std::lock_guard lock(mutex_);
  FormatStats& stats = by_format_[format];
  stats.events += batch.size;
  stats.parse_errors += errors;
  stats.truncated += truncated;
  stats.bytes += bytes;
}

void RunStats::count_file(const std::string& format) {
  std::lock_guard lock(mutex_);
  ++by_format_[format].files;
}

void RunStats::count_skipped(const std::string& format, std::uint64_t records) {
  if (records == 0) return;
  std::lock_guard lock(mutex_);
  by_format_[format].skipped += records;
}

std::map<std::string, FormatStats> RunStats::snapshot() const {
  std::lock_guard lock(mutex_);
  return by_format_;
}

std::uint64_t RunStats::total_events() const {
  std::lock_guard lock(mutex_);
  std::uint64_t total = 0;
  for (const auto& [_, stats] : by_format_) total += stats.events;
  return total;
}

void RunStats::print(std::ostream& out, const std::vector<std::string>& outputs,
                     double seconds) const {
  const auto formats = snapshot();
  out << std::left << std::setw(22) << "format" << std::right << std::setw(7) << "files"
      << std::setw(12) << "events" << std::setw(14) << "parse_errors" << std::setw(11)
      << "truncated" << std::setw(9) << "skipped" << std::setw(14) << "bytes"
      << "\n";
  FormatStats total;
  for (const auto& [name, s] : formats) {
    out << std::left << std::setw(22) << name << std::right << std::setw(7) << s.files
        << std::setw(12) << s.events << std::setw(14) << s.parse_errors << std::setw(11)
        << s.truncated << std::setw(9) << s.skipped << std::setw(14) << s.bytes << "\n";
    total.files += s.files;
    total.events += s.events;
    total.parse_errors += s.parse_errors;
    total.truncated += s.truncated;
    total.skipped += s.skipped;
    total.bytes += s.bytes;
  }
  out << std::left << std::setw(22) << "total" << std::right << std::setw(7) << total.files
      << std::setw(12) << total.events << std::setw(14) << total.parse_errors << std::setw(11)
      << total.truncated << std::setw(9) << total.skipped << std::setw(14) << total.bytes << "\n";
  out << std::fixed << std::setprecision(3) << "elapsed " << seconds << " s\n";
  for (const auto& path : outputs) out << "output  " << path << "\n";
}

}  // namespace horolog
