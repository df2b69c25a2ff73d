// Clock steps measured from the journal itself: journald stamps every entry with the wall clock
// and the monotonic clock at once, so within one boot their two differences part only when the
// wall clock was stepped (or slewed, at most 500 ppm).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace horolog {

class JournalClockSteps {
 public:
  // Steps smaller than this (plus the most a slewing clock can drift) are not reported.
  static constexpr std::int64_t kMinimumStepUs = 1'000'000;

  // The step, in microseconds (new wall clock minus what it would have said), between the last
  // entry of boot `boot_id` and this one; nullopt when there is none, or this is its first entry.
  std::optional<std::int64_t> observe(std::string_view boot_id, std::uint64_t realtime_us,
                                      std::uint64_t monotonic_us);

 private:
  struct Last {
    std::uint64_t realtime_us;
    std::uint64_t monotonic_us;
  };
  std::map<std::string, Last, std::less<>> last_by_boot_;
};

}  // namespace horolog
