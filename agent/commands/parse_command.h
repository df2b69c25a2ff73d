// `horolog parse`: parse files (or stdin) with one format and write NDJSON to stdout.
#pragma once

#include <string>
#include <vector>

#include "agent/engine/sources/source_factory.h"
#include "normalizer/error.h"

namespace horolog {

struct ParseCommandOptions {
  std::string format = "auto";
  std::string timezone = "local";
  std::string date_order = "auto";          // winevent-csv dates: auto, mdy or dmy
  std::string reference_time;               // RFC 3339; default: each file's mtime (now for stdin)
  std::string host;                         // default: this host's name
  std::vector<std::string> include_fields;  // empty: every member
  std::vector<std::string> exclude_fields;
  std::vector<std::string> paths;  // "-" or empty: stdin
};

// What every file is read with, from these options (shared with `horolog report`, which reads
// raw logs the way parse does). invalid_argument for unusable options.
Result<SourceOptions> parse_source_options(const ParseCommandOptions& options);

// The exit status: 0, or 1 when an input could not be read (reported as it goes, the others are
// still parsed). invalid_argument for unusable options.
Result<int> parse_command(const ParseCommandOptions& options);

}  // namespace horolog
