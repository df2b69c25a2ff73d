// The journald input (`type: journald`): the local system journal, or journal files copied off
// another machine, read with sd-journal and followed as entries are written. Its checkpoint is
// the cursor of the last entry every sink has delivered, so a restart (kill -9 included) resumes
// right after it; entries vacuumed away before they were read are counted and reported.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "agent/engine/delivery_window.h"
#include "agent/engine/input.h"
#include "agent/engine/sources/journal_source.h"
#include "agent/inputs/input_config.h"
#include "agent/inputs/journald/journald_input_options.h"

namespace horolog {

// Counters of one journald input (summary).
struct JournaldInputCounters {
  std::atomic<std::uint64_t> entries{0};
  std::atomic<std::uint64_t> gaps{0};  // resumed past entries gone before they were read
  // Entries gone before they were read, where the sequence numbers tell: past the resume
  // cursor, and missing from the sequence while reading (damaged, vacuumed).
  std::atomic<std::uint64_t> lost{0};
  std::atomic<std::uint64_t> read_errors{0};  // opening or reading the journal failed
};

class JournaldInput final : public Input {
 public:
  // The registry's builder: checks that the format is `journal` (or `auto`).
  static Result<std::unique_ptr<JournaldInput>> create(const InputConfig& config,
                                                       const JournaldInputOptions& options,
                                                       InputEnvironment& env);
  JournaldInput(InputConfig config, JournaldInputOptions options, InputEnvironment env);

  InputState poll(BatchOutput& output, bool once, const std::atomic<bool>& stop) override;
  void set_wake(std::function<void()> wake) override { wake_ = std::move(wake); }
  std::vector<std::string> watched_directories() const override;
  std::chrono::milliseconds poll_interval() const noexcept override;
  void drain(std::chrono::milliseconds timeout) override { window_.wait_drained(timeout); }
  const OutputSettings& output_settings() const noexcept override { return output_settings_; }
  const std::string& name() const noexcept override { return config_.name; }
  void print_summary(std::ostream& out) const override;
  std::uint64_t read_errors() const noexcept override { return counters_.read_errors; }
  const JournaldInputCounters& counters() const noexcept { return counters_; }

 private:
  // Opens the journal where the checkpoint (or read_from) says; false when it cannot (reported
  // once per distinct reason, tried again at the next poll).
  bool open_journal(bool once);
  void report(const std::string& problem);
  // Reads what is there now, up to a budget of batches or until the window is full.
  InputState pump(BatchOutput& output, const std::atomic<bool>& stop);

  InputConfig config_;
  JournaldInputOptions options_;
  InputEnvironment env_;
  OutputSettings output_settings_;
  JournaldInputCounters counters_;
  std::unique_ptr<JournalSource> source_;
  SourcePosition reopen_at_;        // a source let go to unmap the journal: where to go on
  std::uint64_t settled_gaps_ = 0;  // counted by the sources let go
  std::uint64_t settled_lost_ = 0;
  DeliveryWindow window_;
  std::uint64_t next_sequence_ = 1;
  std::string reported_;  // the last problem logged, not repeated while it lasts
  std::function<void()> wake_;
};

}  // namespace horolog
