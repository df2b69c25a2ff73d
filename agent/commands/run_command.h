// `horolog run`: the agent's main job, driven by a config file.
#pragma once

#include <string>

#include "normalizer/error.h"

namespace horolog {

struct RunCommandOptions {
  std::string config;
  bool once = false;      // read every input to its end, deliver, exit
  std::string log_level;  // overrides the config's log_level when set
};

// The exit status after a clean run or shutdown (0); an error when the agent cannot start (its
// code says which exit status: 2 for configuration, 1 otherwise).
Result<int> run_command(const RunCommandOptions& options);

}  // namespace horolog
