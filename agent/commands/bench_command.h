// `horolog bench`: generates realistic data per format (or reads --input), measures the stages
// on one core and the full file-to-file pipeline, prints MB/s, events/s and ns/event.
#pragma once

#include <iosfwd>
#include <string>

#include "normalizer/error.h"

namespace horolog {

struct BenchCommandOptions {
  std::string format = "all";  // a case of bench_corpus, `all`, or with --input any format
  double size_mib = 32;        // generated data per format
  std::string input;           // measure this file instead of generated data
  std::string write;           // only write the generated data of `format` to this file
  bool json = false;
  bool pipeline = true;  // also run the file -> file pipeline
};

// The report goes to `out`; exit status 0. invalid_argument for bad options; other errors when a
// file could not be read or written.
Result<int> bench_command(const BenchCommandOptions& options, std::ostream& out);

}  // namespace horolog
