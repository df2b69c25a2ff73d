// Command-line entry: `run`, `parse`, `check-config`, `version` (CLI11). Returns the exit code.
#pragma once

namespace horolog {

int run_cli(int argc, char** argv);

}  // namespace horolog
