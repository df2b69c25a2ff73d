// One systemd journal entry as an Event: fields named as ECS names them, else as Filebeat's
// journald input does (`systemd.*`, `journald.*`), the time exactly from the journal's
// microseconds.
#pragma once

#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "normalizer/event.h"
#include "normalizer/string_arena.h"

namespace horolog {

inline constexpr std::string_view kDatasetJournal = "journald";

// The latest time an Event holds (64-bit nanoseconds: 2262-04-11), in microseconds. A damaged
// entry may carry any number; later ones are not times.
inline constexpr std::uint64_t kLatestEventTimeUs = std::numeric_limits<std::int64_t>::max() / 1000;

struct JournalEntry {
  // "NAME=value" as sd-journal hands them out; a value may be binary (any bytes).
  std::vector<std::string_view> fields;  // views that outlive the event (the batch's arena)
  std::uint64_t realtime_us = 0;         // __REALTIME_TIMESTAMP: when journald received the entry
  std::uint64_t monotonic_us = 0;        // __MONOTONIC_TIMESTAMP, on the clock of boot `boot_id`
  std::string_view boot_id;              // 32 hex digits
};

// Fills `event` (which arrives reset, its `created` set) from `entry`, whose views it keeps;
// derived strings go to `arena`. An entry whose times are past kLatestEventTimeUs gets the read
// time, flagged `no_timestamp`. `host_clock`: the entries were stamped by
// this host's clock (the local journal), so horolog's measured offset may correct them.
// A value that is not UTF-8 is kept exactly, as base64 in `<key>_base64` beside its repaired text.
void map_journal_entry(const JournalEntry& entry, bool host_clock, StringArena& arena,
                       Event& event);

}  // namespace horolog
