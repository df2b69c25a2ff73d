// The file input's polls: read the open files that have data, then, when quiet, scan for new
// files and look at what happened to the known ones; or, reading once, one file after another.
#include "agent/inputs/file/file_input.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdint>

#include "agent/engine/read_loop.h"
#include "normalizer/printable_text.h"

namespace horolog {

namespace {

// Batches one poll reads before it lets the worker serve another input.
constexpr std::size_t kBatchesPerPoll = 64;

}  // namespace

Result<std::unique_ptr<FileInput>> FileInput::create(const InputConfig& config,
                                                     const FileInputOptions& options,
                                                     InputEnvironment& env) {
  const FormatInfo* format = find_format(config.format);
  if (format == nullptr) {
    return fail(ErrorCode::invalid_config, "unknown format '" + config.format + "'");
  }
  if (format->make != nullptr) {  // fail at start-up, not on the first file
    if (Result<std::unique_ptr<Parser>> parser = format->make(config.parser); !parser) {
      return fail(parser.error());
    }
  }
  return std::make_unique<FileInput>(config, options, env);
}

FileInput::FileInput(InputConfig config, FileInputOptions options, InputEnvironment env)
    : config_(std::move(config)),
      options_(std::move(options)),
      env_(std::move(env)),
      format_(find_format(config_.format)),
      output_settings_{config_.format, config_.fields()} {}

FileInput::~FileInput() {
  for (auto& file : files_) close(*file);
}

std::chrono::milliseconds FileInput::poll_interval() const noexcept {
  // inotify brings the polls that changes need; this bounds how late a change is noticed where
  // it says nothing (network file systems, a directory created later).
  return std::chrono::duration_cast<std::chrono::milliseconds>(options_.scan_interval);
}

std::optional<SinkSet::Completion> FileInput::begin_delivery(TrackedFile& file,
                                                             const SourcePosition& end,
                                                             const std::atomic<bool>& stop) {
  // copytruncate replaces the content under the same inode: reading on at our old position
  // yields the middle of some new line. Checked after the read, so that a copytruncate during
  // it is seen too: the batch is dropped and the file read again from 0. (A file read whole is
  // judged by its size only: an EVTX header changes as the file grows.)
  if (file.source->format().framing == RecordFraming::lines && content_replaced(file)) {
    file.replaced = true;
    return std::nullopt;
  }
  file.last_data = Clock::now();
  const std::uint64_t sequence = file.next_sequence++;
  if (!file.window->begin(sequence, end, stop)) return std::nullopt;
  DeliveryWindow* window = file.window.get();
  const FileIdentity identity = file.identity;
  return [this, window, identity, sequence](std::uint64_t, bool delivered) {
    if (window->complete(sequence, delivered) && wake_) wake_();
    if (env_.checkpoints != nullptr) {
      env_.checkpoints->update_position(config_.name, identity, window->durable_position().offset);
      // Saved at once (an append of this change): after a kill -9 only the batches in flight
      // are read again.
      env_.checkpoints->save(/*durable=*/false);
    }
  };
}

bool FileInput::pump(TrackedFile& file, BatchOutput& output, const std::atomic<bool>& stop,
                     std::size_t& budget) {
  ReadLoop loop(output);
  const ReadLoop::OpenDelivery open = [&](const SourcePosition& end) {
    return begin_delivery(file, end, stop);
  };
  bool any = false;
  file.paused = false;
  while (!stop && budget > 0 && !file.replaced) {
    // begin_delivery() would wait for room, holding this worker from every other input.
    if (file.window->full()) {
      file.paused = true;
      break;
    }
    const Result<SourceStatus> status = loop.step(*file.source, open);
    if (!status) {
      ++counters_.read_errors;
      spdlog::error("input {}: {}", config_.name, printable_text(status.error().message()));
      break;
    }
    if (*status != SourceStatus::batch) break;
    --budget;
    any = true;
  }
  // Events view into the file's source: written before the source may be let go.
  output.drain();
  return any;
}

InputState FileInput::poll_once(BatchOutput& output, const std::atomic<bool>& stop) {
  std::size_t budget = kBatchesPerPoll;
  while (next_once_ < files_.size() && !stop) {
    TrackedFile& file = *files_[next_once_];
    if (!file.is_open() && !open(file)) {
      if (file.detached || reported_.count(file.path) > 0) {
        ++next_once_;  // gone, or it cannot be read (reported): skipped
        continue;
      }
      return InputState::busy;  // no descriptor free yet: try again
    }
    file.source->finish();
    const bool read = pump(file, output, stop, budget);
    if (file.paused) return InputState::idle;  // woken when its batches are acknowledged
    if (read && budget == 0) return InputState::busy;
    file.window->wait_drained(std::chrono::seconds(60));
    close(file);  // its descriptor serves the next file
    ++next_once_;
    if (budget == 0) return InputState::busy;
  }
  return stop ? InputState::busy : InputState::done;
}

InputState FileInput::poll(BatchOutput& output, bool once, const std::atomic<bool>& stop) {
  if (!scanned_) {
    scan(/*first_scan=*/true);
    scanned_ = true;
  }
  if (once) return poll_once(output, stop);
  std::size_t budget = kBatchesPerPoll;
  bool any = false;
  for (auto& file : files_) {
    // A file closed while idle is opened again by the checks, when it has grown.
    const bool first_open = !file->identified && !file->detached;
    if (file->is_open() || (first_open && open(*file))) any |= pump(*file, output, stop, budget);
    if (budget == 0 || stop) return InputState::busy;
  }
  // Checks come when it is quiet, or at least every scan interval under load.
  const auto now = Clock::now();
  if (any && now - last_check_ < options_.scan_interval) return InputState::busy;
  last_check_ = now;
  // Another input needs a descriptor the budget has not got: give back an idle one.
  if (env_.descriptors != nullptr && env_.descriptors->wanted()) close_idle_file(nullptr);
  // Scan before judging rotations: a renamed file that the globs still match keeps its
  // identity and position under the new name.
  const std::size_t known = files_.size();
  scan(/*first_scan=*/false);
  // A file found now is read at the next poll, which must not wait for the next change.
  const bool found = files_.size() > known;
  bool reopened = false;
  for (auto& file : files_) {
    const Verdict verdict = check_file(*file, stop, output);
    if (verdict == Verdict::keep || !release(*file)) continue;
    by_identity_.erase({file->identity.device, file->identity.inode});
    if (verdict == Verdict::reopen) {
      // Read again from the start, as a file first seen now.
      auto again = std::make_unique<TrackedFile>();
      again->path = file->path;
      again->identity.device = file->identity.device;
      again->identity.inode = file->identity.inode;
      by_identity_.emplace(std::pair{again->identity.device, again->identity.inode}, again.get());
      file = std::move(again);
      reopened = true;
    } else {
      file = nullptr;
    }
  }
  std::erase_if(files_, [](const auto& f) { return f == nullptr; });
  return any || reopened || found ? InputState::busy : InputState::idle;
}

void FileInput::drain(std::chrono::milliseconds timeout) {
  for (auto& file : files_) {
    if (file->window != nullptr) file->window->wait_drained(timeout);
  }
}

void FileInput::print_summary(std::ostream& out) const {
  out << counters_.files_opened << " file(s), " << counters_.rotations << " rotation(s), "
      << counters_.truncations << " truncation(s), " << counters_.inode_reuses
      << " inode reuse(s), " << counters_.read_errors << " read error(s)";
}

}  // namespace horolog
