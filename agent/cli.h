// Command-line entry: the subcommands (run, parse, replay, check-config, clock, bench,
// config-reference, version) wired with CLI11.
#pragma once

#include "normalizer/error.h"

namespace horolog {

// The exit status of the command the arguments name, or the error that ended it, its message
// starting with `horolog COMMAND:`.
Result<int> run_cli(int argc, char** argv);

}  // namespace horolog
