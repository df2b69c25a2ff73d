// The config's check of the files its components use together: an input must not read what a sink
// writes (it would read its own output without end) nor the agent's data_dir, and two sinks must
// not write one file. Components say which files they use in describe() (config/file_use.h).
#pragma once

#include <filesystem>
#include <vector>

#include "config/config_error.h"
#include "config/file_use.h"

namespace horolog {

// Appends one problem per input glob that can match another claim's files (at the glob's key)
// and per pair of sinks that can write one file (at the later key), each naming the other key and
// its line. Relative paths are taken from `cwd`, as the agent takes them when it runs.
void check_file_uses(const std::vector<config::FileClaim>& claims, const std::filesystem::path& cwd,
                     std::vector<config::ConfigError>& errors);

}  // namespace horolog
