// When a host's clock could not be trusted, and why: the signals of trust and distrust a host's
// events give, put in time order once everything is read, and turned into periods.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace horolog::report {

// Past this offset, second-resolution stamps (RFC 3164 syslog, Windows exports) already name the
// wrong second, and events of two hosts can no longer be ordered by their stamps.
constexpr double kLargeOffsetMs = 1000.0;

enum class Distrust : std::uint8_t {
  unsynchronized,  // host.clock.synchronized was false
  sync_lost,       // the time service said it lost synchronization
  tampering,       // an alert, or a step by something other than the time service
  large_offset,    // |host.clock.offset_ms| above kLargeOffsetMs
};

struct UntrustedPeriod {
  Distrust distrust = Distrust::unsynchronized;
  double start_s = 0;
  std::optional<double> end_s;  // unset: still untrusted at the end of the input
  std::string reason;
};

class UntrustedPeriods {
 public:
  // Opens a period (or keeps the open one of the same kind going). `reason` is shown as given.
  void distrust(double time_s, Distrust kind, std::string reason);
  // Synchronization regained: ends every period but a large offset.
  void synchronized(double time_s);
  // A measured offset below the threshold: ends a large-offset period.
  void offset_fine(double time_s);

  // Every period, in time order. Signals may have been given in any order.
  std::vector<UntrustedPeriod> periods() const;

  // Bounded memory: signals past this many are dropped (and counted).
  static constexpr std::size_t kMaxSignals = 100000;
  std::uint64_t dropped() const noexcept { return dropped_; }

 private:
  enum class Signal : std::uint8_t { distrust, synchronized, offset_fine };
  struct Entry {
    double time_s;
    Signal signal;
    Distrust kind;
    std::string reason;
  };
  void push(Entry entry);

  std::vector<Entry> signals_;
  std::uint64_t dropped_ = 0;
};

std::string_view to_string(Distrust distrust) noexcept;

}  // namespace horolog::report
