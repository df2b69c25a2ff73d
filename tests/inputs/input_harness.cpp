// The runner and the polling helper of the input tests.
#include "tests/inputs/input_harness.h"

#include <chrono>
#include <memory>

#include "agent/engine/batch_writer.h"
#include "agent/engine/input_runner.h"

namespace horolog::test {

using namespace std::chrono_literals;

bool eventually(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

void run_input(Input& input, SinkSet& sinks, RunStats& stats, bool once,
               const std::atomic<bool>& stop) {
  InputRunner runner(
      {&input},
      [&] {
        return std::unique_ptr<BatchOutput>(
            std::make_unique<BatchWriter>(sinks, stats, input.output_settings().format));
      },
      1);
  runner.run(once, stop);
}

}  // namespace horolog::test
