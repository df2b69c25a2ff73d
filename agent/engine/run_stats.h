// What a run did, per format and per sink: the numbers of the end-of-run summary.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

#include "normalizer/event.h"

namespace horolog {

struct FormatStats {
  std::uint64_t events = 0;
  std::uint64_t parse_errors = 0;
  std::uint64_t truncated = 0;
  std::uint64_t skipped = 0;  // records that are not events (column banners)
  std::uint64_t bytes = 0;
  std::uint64_t files = 0;
};

class RunStats {
 public:
  void count_batch(const std::string& format, const EventBatch& batch, std::uint64_t bytes);
  void count_file(const std::string& format);
  void count_skipped(const std::string& format, std::uint64_t records);
  std::map<std::string, FormatStats> snapshot() const;
  std::uint64_t total_events() const;

  // Prints the summary: events per format, parse errors, outputs.
  void print(std::ostream& out, const std::vector<std::string>& outputs, double seconds) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, FormatStats> by_format_;
};

}  // namespace horolog
