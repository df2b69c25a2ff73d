// `horolog check-config --config FILE`: parse and validate a config without starting anything.
#pragma once

#include <filesystem>
#include <ostream>

namespace horolog {

// Prints every problem as `FILE:LINE:COL: PATH: message` and a count line to `err` and returns 2,
// or prints a short summary of the inputs and sinks to `out` and returns 0.
int check_config_command(const std::filesystem::path& config, std::ostream& out, std::ostream& err);

}  // namespace horolog
