// What replay tells the person running it: a progress bar on a terminal (bytes, events/s, ETA),
// redrawn in place, and the one-line summary printed at the end in any case.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace horolog {

struct ReplayTotals {
  std::uint64_t files = 0;
  std::uint64_t bytes_read = 0;     // as stored (compressed files: compressed bytes)
  std::uint64_t bytes_decoded = 0;  // log text parsed (compressed files: after decompression)
  std::uint64_t events = 0;
  std::uint64_t parse_errors = 0;
  bool with_history = false;
  std::uint64_t corrected = 0;
  std::uint64_t out_of_range = 0;
  double seconds = 0.0;
};

// `[#####.....]  45%  90.0/200.0 MB  1.25M events/s  ETA 0:12`; bytes are bytes as stored.
std::string format_progress(std::uint64_t bytes_done, std::uint64_t bytes_total,
                            std::uint64_t events, double seconds);

// The closing line, e.g. `replay: 3 files, 1200 events, 1.2 MB read (4.1 MB of log text) in
// 0.05 s: 82.0 MB/s, 24000 events/s; clock history: 1100 corrected, 100 out of range; 0 parse
// errors`. MB/s counts log text (decompressed), the work the pipeline did.
std::string format_summary(const ReplayTotals& totals, bool interrupted);

class ProgressBar {
 public:
  // Draws on stderr only when `enabled` (stderr is a terminal).
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  // Redraws at most every 200 ms.
  void update(std::uint64_t bytes_done, std::uint64_t bytes_total, std::uint64_t events);
  // Erases the bar so the summary starts on a clean line.
  void clear();

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace horolog
