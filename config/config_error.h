// One problem found in a config file, located by its YAML path and position, so that every
// error can be listed at once (`FILE:LINE:COL: PATH: message`).
#pragma once

#include <string>

namespace horolog::config {

struct ConfigError {
  std::string path;  // e.g. `sinks[0].max_size`; empty for file-level problems (syntax, I/O)
  int line = 0;      // 1-based; 0 when the problem has no position (file cannot be read)
  int column = 0;    // 1-based
  std::string message;
};

}  // namespace horolog::config
