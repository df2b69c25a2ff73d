// Helpers for the Windows event tests: running a RecordReader to the end and looking up
// fields of the Events it produced.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "normalizer/event.h"
#include "normalizer/time_resolver.h"
#include "parsers/record_reader.h"

namespace horolog::test {

// Events with their strings copied out, so they outlive the reader and the arena.
struct OwnedEvent {
  Event event;
  std::vector<std::pair<std::string, std::string>> text_fields;  // string fields, as text
  std::vector<std::pair<std::string, std::uint64_t>> number_fields;
  std::vector<std::pair<std::string, double>> real_fields;  // float64 fields (also as text)
  std::string host, message, time_original;

  std::optional<std::string> text(std::string_view key) const;
  std::optional<std::uint64_t> number(std::string_view key) const;
  std::optional<double> real(std::string_view key) const;
};

// `time` as RFC 3339 UTC text with `digits` fractional digits.
std::string utc_text(SysNanos time, unsigned digits = 0);

// Reads every record of `reader`; `arena` must live as long as the reader's views are used.
std::vector<OwnedEvent> read_all(RecordReader& reader, StringArena& arena,
                                 TimeResolver* resolver = nullptr);

}  // namespace horolog::test
