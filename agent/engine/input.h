// What an input is to the engine: a task the engine's workers poll, lending it an output for each
// poll, instead of a thread of its own. Built by the input type registry (agent/inputs/).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "agent/engine/batch_output.h"

namespace horolog {

enum class InputState : std::uint8_t {
  busy,  // it read something and may have more: poll it again soon
  idle,  // nothing more now: poll it again when a watched directory changes or poll_interval passes
  done,  // reading once: everything was read and acknowledged
};

class Input {
 public:
  virtual ~Input() = default;

  // Reads what there is now through `output`, which the engine lends for this call, configured
  // with output_settings(), and drains before lending it to another input. `once`: read
  // everything, then report done. Returns soon after `stop` turns true.
  virtual InputState poll(BatchOutput& output, bool once, const std::atomic<bool>& stop) = 0;
  // Given by the engine before the first poll: `wake` (callable from any thread, also after the
  // engine has stopped) asks for a poll soon. An input that paused a source because its batches
  // are not acknowledged yet calls it when they are, instead of holding a worker while waiting.
  virtual void set_wake(std::function<void()> wake) = 0;
  // Directories whose changes mean there may be something new to read.
  virtual std::vector<std::string> watched_directories() const = 0;
  // The longest wait between two polls of an idle input.
  virtual std::chrono::milliseconds poll_interval() const noexcept = 0;
  // After the last poll: waits up to `timeout` for the batches in flight to be acknowledged.
  virtual void drain(std::chrono::milliseconds timeout) = 0;

  virtual const OutputSettings& output_settings() const noexcept = 0;
  virtual const std::string& name() const noexcept = 0;
  // The input's line of the end-of-run summary, after "input   NAME: ".
  virtual void print_summary(std::ostream& out) const = 0;
  // Sources it could not read, or not completely (each counted once): with --once, the run
  // then ends with exit status 1.
  virtual std::uint64_t read_errors() const noexcept = 0;
};

}  // namespace horolog
