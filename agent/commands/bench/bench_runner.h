// Measures one format on one input file: the stages on one core (parse + normalize, then
// encode, timed apart), and the full `run` pipeline (file input -> encoder -> file sink).
#pragma once

#include <cstdint>
#include <string>

#include "normalizer/error.h"
#include "parsers/format_registry.h"
#include "parsers/parser_options.h"

namespace horolog {

struct StageMeasurement {
  std::uint64_t input_bytes = 0;
  std::uint64_t events = 0;
  std::uint64_t parse_errors = 0;  // events flagged parse_error
  std::uint64_t output_bytes = 0;  // NDJSON produced
  // CPU seconds of the measuring thread (one core), not wall time.
  double parse_seconds = 0;   // read + frame + parse + normalize
  double encode_seconds = 0;  // NDJSON encoding
};

struct PipelineMeasurement {
  std::uint64_t events = 0;
  std::uint64_t output_bytes = 0;
  double seconds = 0;  // wall time from start to the last batch acknowledged by the file sink
};

// Reads `input_path` through `format` on the calling thread. Events get a measured host clock
// estimate attached, so the encoder writes the whole schema as a synchronized agent would.
// Fails when the file cannot be read or the parser cannot be built.
Result<StageMeasurement> measure_stages(const FormatInfo& format, const ParserOptions& options,
                                        const std::string& input_path);

// Runs the agent's file input over `input_path` into a file sink under `output_dir` (read once,
// no clock monitor, no checkpoints), both built as `run` builds them.
Result<PipelineMeasurement> measure_pipeline(const FormatInfo& format, const ParserOptions& options,
                                             const std::string& input_path,
                                             const std::string& output_dir);

}  // namespace horolog
