// Polls of the journald input: open the journal once (cursor from the checkpoint), then read
// what journald has written since, each batch's cursor saved when every sink has it.
#include "agent/inputs/journald/journald_input.h"

#include <spdlog/spdlog.h>
#include <systemd/sd-id128.h>

#include <filesystem>

#include "agent/engine/read_loop.h"
#include "normalizer/printable_text.h"
#include "parsers/format_registry.h"

namespace horolog {

namespace {

// Batches one poll reads before it lets the worker serve another input.
constexpr std::size_t kBatchesPerPoll = 64;
// sd-journal keeps up to 64 windows of the journal files mapped: page cache, shared with journald
// and reclaimable, but counted in the agent's RSS. After reading this much (entry data; the mapped
// objects around it take about as much again) the journal is opened again where it stood, which
// lets go of what was mapped: a backlog is read within a bounded RSS, and a quiet journal is
// followed with little mapped.
constexpr std::uint64_t kReopenWhileBusyAfterBytes = std::uint64_t{16} << 20;
constexpr std::uint64_t kReopenWhenIdleAfterBytes = std::uint64_t{1} << 20;
// The checkpoint of a journald input: one per input, not per file.
constexpr FileIdentity kJournalIdentity{};
constexpr std::string_view kCheckpointPath = "journal";

std::string machine_id() {
  sd_id128_t id{};
  if (sd_id128_get_machine(&id) < 0) return {};
  char text[SD_ID128_STRING_MAX];
  return sd_id128_to_string(id, text);
}

std::string boot_id() {
  sd_id128_t id{};
  if (sd_id128_get_boot(&id) < 0) return {};
  char text[SD_ID128_STRING_MAX];
  return sd_id128_to_string(id, text);
}

}  // namespace

Result<std::unique_ptr<JournaldInput>> JournaldInput::create(const InputConfig& config,
                                                             const JournaldInputOptions& options,
                                                             InputEnvironment& env) {
  if (config.format != "auto" && config.format != "journal") {
    return fail(ErrorCode::invalid_config,
                "format: a journald input reads journal entries (format `journal`), not `" +
                    config.format + "`");
  }
  return std::make_unique<JournaldInput>(config, options, env);
}

JournaldInput::JournaldInput(InputConfig config, JournaldInputOptions options, InputEnvironment env)
    : config_(std::move(config)),
      options_(std::move(options)),
      env_(std::move(env)),
      output_settings_{"journal", config_.fields()},
      window_(env_.max_batches_in_flight) {}

std::chrono::milliseconds JournaldInput::poll_interval() const noexcept {
  return std::chrono::duration_cast<std::chrono::milliseconds>(options_.poll_interval);
}

std::vector<std::string> JournaldInput::watched_directories() const {
  // journald appends to files in these directories; inotify reports each write.
  std::vector<std::string> candidates;
  if (!options_.files.empty()) {
    for (const std::string& file : options_.files) {
      const std::string parent = std::filesystem::path(file).parent_path().string();
      candidates.push_back(parent.empty() ? "." : parent);
    }
  } else if (!options_.directory.empty()) {
    candidates.push_back(options_.directory);
    std::error_code ec;
    for (const auto& sub : std::filesystem::directory_iterator(options_.directory, ec)) {
      if (sub.is_directory(ec)) candidates.push_back(sub.path().string());
    }
  } else {
    // The roots too: switching on persistent storage creates /var/log/journal/<machine-id>
    // while the agent runs (sd-journal's own watch then finds the files in it).
    const std::string machine = machine_id();
    for (const char* root : {"/var/log/journal", "/run/log/journal"}) {
      candidates.emplace_back(root);
      std::string machine_directory = root;
      machine_directory += '/';
      machine_directory += machine;
      candidates.push_back(std::move(machine_directory));
    }
  }
  std::vector<std::string> existing;
  for (const std::string& dir : candidates) {
    std::error_code ec;
    if (std::filesystem::is_directory(dir, ec)) existing.push_back(dir);
  }
  return existing;
}

void JournaldInput::report(const std::string& problem) {
  if (problem == reported_) return;
  reported_ = problem;
  ++counters_.read_errors;
  spdlog::error("input {}: {}", config_.name, printable_text(problem));
}

bool JournaldInput::open_journal(bool once) {
  JournalSettings settings;
  settings.files = options_.files;
  settings.directory = options_.directory;
  const bool local = options_.files.empty() && options_.directory.empty();
  settings.path = local
                      ? std::string(kCheckpointPath)
                      : (options_.directory.empty() ? options_.files.front() : options_.directory);
  settings.input_name = config_.name;
  settings.host = env_.host;
  settings.matches = options_.journal_matches();
  if (options_.current_boot_only) settings.matches.push_back("_BOOT_ID=" + boot_id());
  settings.host_clock = local;  // this host's clock stamped the local journal
  settings.follow = !once;
  if (!reopen_at_.cursor.empty()) {
    settings.start = reopen_at_;  // where the last source stood, not what is delivered yet
  } else if (env_.checkpoints != nullptr) {
    if (auto saved = env_.checkpoints->find(config_.name, 0, 0); saved && !saved->cursor.empty()) {
      settings.start.cursor = saved->cursor;
    }
  }
  settings.start_at_end = settings.start.cursor.empty() && options_.read_from == ReadFrom::end;
  Result<std::unique_ptr<JournalSource>> opened =
      JournalSource::open(*find_format("journal"), std::move(settings));
  if (!opened) {
    report(opened.error().message());
    return false;
  }
  source_ = std::move(*opened);
  reported_.clear();
  return true;
}

InputState JournaldInput::pump(BatchOutput& output, const std::atomic<bool>& stop) {
  ReadLoop loop(output);
  const ReadLoop::OpenDelivery open =
      [&](const SourcePosition& end) -> std::optional<SinkSet::Completion> {
    const std::uint64_t sequence = next_sequence_++;
    if (!window_.begin(sequence, end, stop)) return std::nullopt;
    return [this, sequence](std::uint64_t, bool delivered) {
      if (window_.complete(sequence, delivered) && wake_) wake_();
      if (env_.checkpoints == nullptr) return;
      const SourcePosition durable = window_.durable_position();
      if (durable.cursor.empty()) return;
      env_.checkpoints->update(Checkpoint{config_.name, std::string(kCheckpointPath),
                                          kJournalIdentity, durable.offset, durable.cursor});
      // Appended at once: after a kill -9 only the batches in flight are read again.
      env_.checkpoints->save(/*durable=*/false);
    };
  };
  std::size_t budget = kBatchesPerPoll;
  while (!stop && budget > 0) {
    // begin() would wait for room, holding this worker from every other input.
    if (window_.full()) {
      output.drain();
      return InputState::idle;  // woken when a batch is acknowledged
    }
    const std::uint64_t before = source_->position().offset;
    const Result<SourceStatus> status = loop.step(*source_, open);
    counters_.entries += source_->position().offset - before;
    if (!status) {
      report(status.error().message());
      break;
    }
    if (*status != SourceStatus::batch) {
      output.drain();
      return *status == SourceStatus::end ? InputState::done : InputState::idle;
    }
    --budget;
  }
  output.drain();
  return InputState::busy;
}

InputState JournaldInput::poll(BatchOutput& output, bool once, const std::atomic<bool>& stop) {
  if (source_ == nullptr) {
    if (!open_journal(once)) return once ? InputState::done : InputState::idle;
  }
  if (once) source_->finish();
  const InputState state = pump(output, stop);
  // Known once the source has sought its cursor, at its first read.
  const std::uint64_t gaps = settled_gaps_ + (source_->resumed_past_gap() ? 1 : 0);
  const std::uint64_t lost = settled_lost_ + source_->entries_lost() + source_->entries_missing();
  counters_.gaps = gaps;
  counters_.lost = lost;
  const std::uint64_t read = source_->bytes_read();
  if ((state == InputState::busy && read >= kReopenWhileBusyAfterBytes) ||
      (state == InputState::idle && read >= kReopenWhenIdleAfterBytes)) {
    // Batches in flight hold copies of their entries, not views into the mappings.
    settled_gaps_ = gaps;
    settled_lost_ = lost;
    reopen_at_ = source_->position();
    source_.reset();
  }
  if (state != InputState::done) return state;
  // Reading once: done when everything read is acknowledged.
  window_.wait_drained(std::chrono::seconds(60));
  return InputState::done;
}

void JournaldInput::print_summary(std::ostream& out) const {
  out << counters_.entries << " journal entr" << (counters_.entries == 1 ? "y" : "ies") << ", ";
  if (counters_.gaps > 0 && counters_.lost == 0) {
    out << "an unknown number";
  } else {
    out << counters_.lost;
  }
  out << " lost before they were read, " << counters_.read_errors << " read error(s)";
}

}  // namespace horolog
