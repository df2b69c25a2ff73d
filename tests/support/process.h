// Runs a program (usually the horolog binary) as a child process, feeding stdin and capturing
// stdout, stderr and the exit status, for tests of the real command line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace horolog::test {

struct ProcessResult {
  int exit_code = -1;  // -signal when killed by a signal
  std::string out;
  std::string err;
};

ProcessResult run_process(const std::vector<std::string>& argv, std::string_view input = {},
                          const std::vector<std::string>& extra_env = {});

// Splits text into lines (without terminators); a trailing newline does not add an empty line.
std::vector<std::string_view> split_lines(std::string_view text);

}  // namespace horolog::test
