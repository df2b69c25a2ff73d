// `horolog run`: the agent's main job, driven by a config file.
#pragma once

#include <string>

namespace horolog {

struct RunCommandOptions {
  std::string config;
  bool once = false;      // read every input to its end, deliver, exit
  std::string log_level;  // overrides the config's log_level when set
};

// Returns the exit code: 0 after a clean run or shutdown, 1 on runtime failure, 2 on bad config.
int run_command(const RunCommandOptions& options);

}  // namespace horolog
