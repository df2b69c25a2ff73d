// Plain text and `\r` redraws: works on any terminal, needs no curses.
#include "agent/commands/replay/replay_progress.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>

#include "sinks/write_fully.h"

namespace horolog {

namespace {

constexpr int kBarWidth = 30;

std::string megabytes(std::uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", static_cast<double>(bytes) / 1e6);
  return text;
}

std::string rate(double per_second) {
  char text[32];
  if (per_second >= 1e6) {
    std::snprintf(text, sizeof text, "%.2fM", per_second / 1e6);
  } else if (per_second >= 1e4) {
    std::snprintf(text, sizeof text, "%.0fk", per_second / 1e3);
  } else {
    std::snprintf(text, sizeof text, "%.0f", per_second);
  }
  return text;
}

}  // namespace

std::string format_progress(std::uint64_t bytes_done, std::uint64_t bytes_total,
                            std::uint64_t events, double seconds) {
  const double fraction =
      bytes_total == 0
          ? 1.0
          : std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(bytes_total));
  const int filled = static_cast<int>(fraction * kBarWidth);
  std::string line = "[";
  line.append(static_cast<std::size_t>(filled), '#');
  line.append(static_cast<std::size_t>(kBarWidth - filled), '.');
  char text[128];
  std::snprintf(text, sizeof text, "] %3d%%  %s/%s MB  %s events/s  ETA ",
                static_cast<int>(fraction * 100.0), megabytes(bytes_done).c_str(),
                megabytes(bytes_total).c_str(),
                rate(seconds > 0 ? static_cast<double>(events) / seconds : 0.0).c_str());
  line += text;
  if (fraction <= 0.0 || seconds <= 0.0) {
    line += "--:--";
  } else {
    const auto remaining = static_cast<long>(std::lround(seconds / fraction - seconds));
    std::snprintf(text, sizeof text, "%ld:%02ld", remaining / 60, remaining % 60);
    line += text;
  }
  return line;
}

std::string format_summary(const ReplayTotals& totals, bool interrupted) {
  const double seconds = std::max(totals.seconds, 1e-9);
  char text[256];
  std::snprintf(text, sizeof text,
                "replay%s: %llu file%s, %llu events, %s MB read (%s MB of log text) in %.2f s: "
                "%.1f MB/s, %.0f events/s",
                interrupted ? " (interrupted)" : "", static_cast<unsigned long long>(totals.files),
                totals.files == 1 ? "" : "s", static_cast<unsigned long long>(totals.events),
                megabytes(totals.bytes_read).c_str(), megabytes(totals.bytes_decoded).c_str(),
                totals.seconds, static_cast<double>(totals.bytes_decoded) / 1e6 / seconds,
                static_cast<double>(totals.events) / seconds);
  std::string line = text;
  if (totals.with_history) {
    std::snprintf(text, sizeof text, "; clock history: %llu corrected, %llu out of range",
                  static_cast<unsigned long long>(totals.corrected),
                  static_cast<unsigned long long>(totals.out_of_range));
    line += text;
  }
  std::snprintf(text, sizeof text, "; %llu parse errors",
                static_cast<unsigned long long>(totals.parse_errors));
  line += text;
  return line;
}

void ProgressBar::update(std::uint64_t bytes_done, std::uint64_t bytes_total,
                         std::uint64_t events) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = now;
  drawn_ = true;
  const double seconds = std::chrono::duration<double>(now - started_).count();
  // \r plus erase-to-end-of-line: the bar is redrawn in place, never scrolls.
  (void)write_fully(2, "\r" + format_progress(bytes_done, bytes_total, events, seconds) + "\x1b[K");
}

void ProgressBar::clear() {
  if (!drawn_) return;
  (void)write_fully(2, "\r\x1b[K");
  drawn_ = false;
}

}  // namespace horolog
