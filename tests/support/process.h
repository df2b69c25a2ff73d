// Runs a program (usually the horolog binary) as a child process, feeding stdin and capturing
// stdout, stderr and the exit status, for tests of the real command line.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace horolog::test {

struct ProcessResult {
  int exit_code = -1;  // -signal when killed by a signal
  std::string out;
  std::string err;
};

// `cwd` (when not empty) is the child's working directory.
ProcessResult run_process(const std::vector<std::string>& argv, std::string_view input = {},
                          const std::vector<std::string>& extra_env = {},
                          const std::string& cwd = {});

// A long-running child (the agent in follow mode) whose output goes to files, so it can run
// for as long as a test needs without anyone draining pipes.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& argv, const std::string& stdout_path,
                    const std::string& stderr_path, const std::string& cwd = {});
  ~BackgroundProcess();  // kills the child if it still runs
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  int pid() const noexcept { return pid_; }
  // Sends `signal` and waits; returns the exit code (-signal when killed by one).
  int stop(int signal);
  // Waits up to `timeout_ms` for the child to exit on its own; nullopt if it is still running.
  bool wait_exit(int timeout_ms, int& exit_code);

 private:
  int pid_ = -1;
};

// Runs `body` in a forked child (for limits such as setrlimit that must not touch the test
// process) and returns its exit status; -1 when it was still running after `limit_ms` (killed).
int run_in_child(const std::function<int()>& body, int limit_ms);

// Splits text into lines (without terminators); a trailing newline does not add an empty line.
std::vector<std::string_view> split_lines(std::string_view text);

}  // namespace horolog::test
