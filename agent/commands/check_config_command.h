// `horolog check-config --config FILE`: parse and validate a config without starting anything.
#pragma once

#include <filesystem>
#include <ostream>
#include <vector>

#include "config/config_error.h"

namespace horolog {

// Prints every error as `FILE:LINE:COL: PATH: message` to `err` and returns 1, or prints a short
// summary of the inputs and sinks to `out` and returns 0.
int check_config_command(const std::filesystem::path& config, std::ostream& out, std::ostream& err);

// Prints `errors` of `config` in that format, with a count line (also used by `run`).
void print_config_errors(const std::filesystem::path& config,
                         const std::vector<config::ConfigError>& errors, std::ostream& err);

}  // namespace horolog
