// The benchmark's cases: one per line format of parsers/format_registry (plus the ISO-stamped
// syslog shape), each with the deterministic generator of its data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "agent/commands/bench/generator_state.h"
#include "parsers/parser_options.h"

namespace horolog {

struct BenchCase {
  std::string_view name;    // `--format` of `horolog bench`, and the row in its output
  std::string_view format;  // the parser (format_registry name) the data is read with
  LineGenerator generate;
  std::string_view shape;  // one line saying what the data looks like
};

// Every case with a generator, in output order.
std::span<const BenchCase> bench_cases() noexcept;
// nullptr when no case has that name.
const BenchCase* find_bench_case(std::string_view name) noexcept;
// The parser options a case's format needs (the `regex` case's pattern), none for the rest.
ParserOptions bench_parser_options(std::string_view format);

inline constexpr std::uint64_t kBenchSeed = 20261126;
// Where the generated logs' clocks start: 2025-12-31T23:45:00Z, so that year-less stamps cross a
// New Year within the first megabyte or so, as a rotated syslog file of early January does.
inline constexpr std::int64_t kBenchStartUnixUs = 1'767'224'700'000'000;

// Whole lines of `bench_case`'s data, at least `bytes` long (the line that crosses it is kept).
// The same arguments give the same bytes.
std::string generate_corpus(const BenchCase& bench_case, std::size_t bytes,
                            std::uint64_t seed = kBenchSeed);

}  // namespace horolog
