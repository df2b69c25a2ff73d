// `horolog report`: one self-contained HTML page telling each host's clock story, from horolog's
// NDJSON or straight from logs.
#pragma once

#include <string>
#include <vector>

#include "agent/commands/parse_command.h"
#include "normalizer/error.h"

namespace horolog {

struct ReportCommandOptions {
  std::string output;  // empty or "-": standard output
  std::string title = "horolog clock report";
  // How raw logs are read (format, timezone, date order, host); its paths are the inputs.
  ParseCommandOptions raw;
};

// The exit status: 0, or 1 when an input could not be read (the page is still written from the
// others). invalid_argument for unusable options, io when the page cannot be written.
Result<int> report_command(const ReportCommandOptions& options);

}  // namespace horolog
