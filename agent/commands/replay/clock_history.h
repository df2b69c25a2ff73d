// Reads a host's archived NTP statistics (ntpd/ntpsec `loopstats`, chrony `tracking.log`; plain,
// .gz or .zst) into an offset timeline, through the same parsers `horolog parse` uses.
//
// Sign: OffsetSample::offset is true time minus host clock, as the live ClockEstimate.
// - loopstats: the offset column is ntpd's clock offset theta (server minus host, the amount
//   the daemon then slews the clock forward): taken as is. Error: the jitter column (loopstats
//   records no root distance).
// - tracking.log: chrony's offset is the host clock's error (positive: the host clock was
//   ahead, "System clock wrong by -offset"): negated. Error: the `Max. error` column (root
//   distance plus the last correction), or the offset's standard deviation when absent.
//   Lines with leap status `?` (not synchronised, offset meaningless) are left out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "normalizer/clock/offset_timeline.h"
#include "normalizer/error.h"
#include "normalizer/event.h"

namespace horolog {

struct ClockHistory {
  OffsetTimeline timeline;
  std::uint64_t loopstats_samples = 0;
  std::uint64_t tracking_samples = 0;
  std::uint64_t ignored_lines = 0;  // unsynchronised, unparsable or of another kind
};

// The sample one parsed statistics line gives (a loopstats or tracking.log event, by its
// dataset), or nullopt when it carries no usable offset.
std::optional<OffsetSample> offset_sample_from(const Event& event) noexcept;

// Fails (naming the file) when a file cannot be read or has no sample.
Result<ClockHistory> load_clock_history(const std::vector<std::string>& paths);

}  // namespace horolog
