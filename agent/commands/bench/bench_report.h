// Prints `horolog bench` results: a table for people, or one JSON document for scripts.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "agent/commands/bench/bench_runner.h"

namespace horolog {

struct BenchRow {
  std::string name;    // the case (or the format, for --input)
  std::string format;  // the parser used
  std::string source;  // "generated" or the --input path
  StageMeasurement stages;
  std::optional<PipelineMeasurement> pipeline;  // absent when skipped (--no-pipeline)
};

struct BenchMachine {
  unsigned cpus = 0;
  std::string version;
};

// Rates use decimal megabytes (10^6 bytes) of input.
void print_bench_table(std::ostream& out, const std::vector<BenchRow>& rows);
void print_bench_json(std::ostream& out, const std::vector<BenchRow>& rows,
                      const BenchMachine& machine);

}  // namespace horolog
