// Per boot, the wall clock's advance against the monotonic clock's between consecutive entries.
#include "parsers/journal/journal_clock_steps.h"

#include "parsers/journal/journal_entry.h"

namespace horolog {

namespace {

// The most an adjtime()/NTP slew may move the wall clock against the monotonic clock.
constexpr std::int64_t kMaxSlewPartsPerMillion = 500;

}  // namespace

std::optional<std::int64_t> JournalClockSteps::observe(std::string_view boot_id,
                                                       std::uint64_t realtime_us,
                                                       std::uint64_t monotonic_us) {
  // A damaged entry's times may be any number: they would overflow the arithmetic below.
  if (realtime_us > kLatestEventTimeUs || monotonic_us > kLatestEventTimeUs) return std::nullopt;
  auto found = last_by_boot_.find(boot_id);
  if (found == last_by_boot_.end()) {
    last_by_boot_.emplace(std::string(boot_id), Last{realtime_us, monotonic_us});
    return std::nullopt;
  }
  const Last last = found->second;
  found->second = {realtime_us, monotonic_us};
  // Entries of one boot come in monotonic order; one that does not (a file of another writer
  // merged in) says nothing about the wall clock.
  if (monotonic_us < last.monotonic_us) return std::nullopt;
  const auto monotonic_advance = static_cast<std::int64_t>(monotonic_us - last.monotonic_us);
  const std::int64_t wall_advance =
      static_cast<std::int64_t>(realtime_us) - static_cast<std::int64_t>(last.realtime_us);
  const std::int64_t step = wall_advance - monotonic_advance;
  const std::int64_t tolerance =
      kMinimumStepUs + monotonic_advance / 1'000'000 * kMaxSlewPartsPerMillion;
  if (step > tolerance || step < -tolerance) return step;
  return std::nullopt;
}

}  // namespace horolog
