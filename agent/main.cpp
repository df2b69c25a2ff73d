// The horolog binary: hands the command line to the CLI and turns escaped errors into exit codes.
#include "agent/cli.h"

int main(int argc, char** argv) { return horolog::run_cli(argc, argv); }
