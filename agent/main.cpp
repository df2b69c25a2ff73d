// The horolog binary: runs the command line and turns what ended it into an exit status: a
// command's own status, its error's (2 for arguments and config, 1 otherwise), or 1 for an
// exception that escaped (nothing of ours throws; std::bad_alloc may).
#include <exception>
#include <iostream>

#include "agent/cli.h"

int main(int argc, char** argv) {
  try {
    const horolog::Result<int> status = horolog::run_cli(argc, argv);
    if (status) return *status;
    std::cerr << status.error().message() << "\n";
    return status.error().exit_status();
  } catch (const std::exception& e) {
    std::cerr << "horolog: " << e.what() << "\n";
    return 1;
  }
}
