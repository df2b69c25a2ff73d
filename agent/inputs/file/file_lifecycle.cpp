// Opening a file (where to start: its checkpoint, read_from, or 0), closing an idle one to stay
// within the descriptor budget, and noticing what happened to a file: copytruncate, rename,
// deletion, and growth of a file that was closed.
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "agent/engine/read_loop.h"
#include "agent/engine/sources/source_factory.h"
#include "agent/inputs/file/file_input.h"
#include "normalizer/printable_text.h"

namespace horolog {

std::uint64_t FileInput::start_position(TrackedFile& file, std::uint64_t size) {
  // A checkpoint of this very file, else read_from for files present at start (files that
  // appear later are new and read whole).
  std::uint64_t start = file.seen_at_start && options_.read_from == ReadFrom::end ? size : 0;
  if (env_.checkpoints == nullptr) return start;
  const auto saved =
      env_.checkpoints->find(config_.name, file.identity.device, file.identity.inode);
  if (!saved) {
    // Without trustworthy checkpoints: duplicates rather than loss.
    return env_.checkpoints->loaded_corrupt() ? 0 : start;
  }
  if (!fingerprint_matches(file.fd, saved->identity)) {
    ++counters_.inode_reuses;
    spdlog::info("input {}: {} reuses the inode of a file read before; reading it from the start",
                 config_.name, printable_text(file.path));
    return 0;
  }
  if (saved->position > size) {
    ++counters_.truncations;
    return 0;
  }
  return saved->position;
}

bool FileInput::close_idle_file(const TrackedFile* besides) {
  // The least recently active open file with nothing unread and nothing in flight.
  TrackedFile* oldest = nullptr;
  for (const auto& file : files_) {
    if (file.get() == besides || !file->is_open() || file->window->in_flight() > 0) {
      continue;
    }
    struct stat st {};
    if (fstat(file->fd, &st) != 0 || static_cast<std::uint64_t>(st.st_size) != file->position()) {
      continue;  // unread data or a partial line: keep reading it first
    }
    if (oldest == nullptr || file->last_data < oldest->last_data) oldest = file.get();
  }
  if (oldest == nullptr) return false;
  close(*oldest);
  return true;
}

bool FileInput::open(TrackedFile& file) {
  if (options_.max_open_files > 0 && open_files_ >= options_.max_open_files &&
      !close_idle_file(&file)) {
    return false;  // this input's own cap
  }
  if (env_.descriptors != nullptr) {
    if (!env_.descriptors->try_take() &&
        !(close_idle_file(&file) && env_.descriptors->try_take())) {
      return false;  // no descriptor to spare now: the file waits, closed
    }
    file.holds_budget = true;
  }
  const auto fail_open = [&](const std::string& problem) {
    if (file.holds_budget) env_.descriptors->give_back();
    file.holds_budget = false;
    if (file.fd >= 0) ::close(file.fd);
    file.fd = -1;
    report_once(file.path, problem);
    return false;
  };
  file.fd = ::open(file.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (file.fd < 0) return fail_open(std::strerror(errno));
  struct stat st {};
  if (fstat(file.fd, &st) != 0) return fail_open(std::strerror(errno));
  const bool same_file = static_cast<std::uint64_t>(st.st_dev) == file.identity.device &&
                         static_cast<std::uint64_t>(st.st_ino) == file.identity.inode;
  if (!same_file || (file.identified && !fingerprint_matches(file.fd, file.identity))) {
    // The path leads elsewhere now: this file went away while closed. A scan finds the new one.
    if (file.holds_budget) env_.descriptors->give_back();
    file.holds_budget = false;
    ::close(file.fd);
    file.fd = -1;
    file.detached = true;
    return false;
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  std::uint64_t start = file.resume_position;
  if (!file.identified) {
    if (!identify_file(file.fd, file.identity)) return fail_open(std::strerror(errno));
    file.identified = true;
    start = start_position(file, size);
    file.window =
        std::make_unique<DeliveryWindow>(env_.max_batches_in_flight, SourcePosition(start));
    ++counters_.files_opened;
    env_.stats.count_file(config_.format);
    spdlog::info("input {}: reading {} from byte {}", config_.name, printable_text(file.path),
                 start);
    if (env_.checkpoints != nullptr) {
      env_.checkpoints->update({config_.name, file.path, file.identity, start, {}});
    }
  }
  SourceOptions source_options;
  source_options.format = format_;
  source_options.parser = config_.parser;
  source_options.input_name = config_.name;
  source_options.host = env_.host;
  source_options.zone = env_.zone;
  source_options.follow = true;  // a live file: years are inferred from the time of reading
  source_options.max_record_size = static_cast<std::size_t>(options_.max_record_size.bytes);
  source_options.start = start;
  Result<std::unique_ptr<RecordSource>> source =
      open_file_source(file.fd, file.path, source_options);
  if (!source) return fail_open(source.error().message());
  file.source = std::move(*source);
  ++open_files_;
  return true;
}

void FileInput::close(TrackedFile& file) {
  if (file.is_open()) --open_files_;
  file.resume_position = file.position();
  file.source.reset();
  if (file.fd >= 0) ::close(file.fd);
  file.fd = -1;
  if (file.holds_budget) env_.descriptors->give_back();
  file.holds_budget = false;
}

bool FileInput::content_replaced(TrackedFile& file) {
  if (!fingerprint_matches(file.fd, file.identity)) return true;
  if (file.identity.fingerprint_length < kFingerprintBytes) {
    // The file was shorter than a fingerprint when first seen: widen it as the file grows, so
    // a later copytruncate is recognised even when the new content outgrows our position.
    FileIdentity wider;
    if (identify_file(file.fd, wider) &&
        wider.fingerprint_length > file.identity.fingerprint_length) {
      file.identity = wider;
      if (env_.checkpoints != nullptr) {
        env_.checkpoints->update(
            {config_.name, file.path, file.identity, file.window->durable_position().offset, {}});
      }
    }
  }
  return false;
}

FileInput::Verdict FileInput::check_file(TrackedFile& file, const std::atomic<bool>& stop,
                                         BatchOutput& output) {
  if (file.is_open()) {
    struct stat by_fd {};
    if (file.replaced || (fstat(file.fd, &by_fd) == 0 &&
                          static_cast<std::uint64_t>(by_fd.st_size) < file.position())) {
      // copytruncate: the file shrank below what we read; what is there now is new data.
      if (!file.replacement_counted) {
        file.replacement_counted = true;
        ++counters_.truncations;
        spdlog::warn("input {}: {} was truncated; reading it again from the start", config_.name,
                     printable_text(file.path));
      }
      return Verdict::reopen;
    }
  }
  struct stat by_path {};
  const bool path_exists = ::stat(file.path.c_str(), &by_path) == 0;
  const bool same_name = path_exists &&
                         static_cast<std::uint64_t>(by_path.st_dev) == file.identity.device &&
                         static_cast<std::uint64_t>(by_path.st_ino) == file.identity.inode;
  if (same_name && !file.detached) {
    // A closed file that grew (or shrank: copytruncate) is opened again to be read.
    if (!file.is_open() && static_cast<std::uint64_t>(by_path.st_size) != file.position()) {
      if (static_cast<std::uint64_t>(by_path.st_size) < file.position()) return Verdict::reopen;
      open(file);
    }
    return Verdict::keep;
  }
  if (!file.detached || file.detached_at == Clock::time_point{}) {
    file.detached = true;
    file.detached_at = Clock::now();
    ++counters_.rotations;
    spdlog::info("input {}: {} was rotated or removed; draining it", config_.name,
                 printable_text(file.path));
  }
  if (!file.is_open()) return Verdict::release;  // closed while idle: nothing left to drain
  // A writer may still be finishing its last lines into the old file: keep it a little, from
  // when the rename was noticed or the last data came, whichever is later.
  const auto quiet_since = std::max(file.last_data, file.detached_at);
  if (Clock::now() - quiet_since < options_.rotate_wait && !stop) return Verdict::keep;
  file.source->finish();
  std::size_t budget = SIZE_MAX;
  pump(file, output, stop, budget);
  return file.paused ? Verdict::keep : Verdict::release;
}

bool FileInput::release(TrackedFile& file) {
  // Completions hold pointers into the file's window: it lives until they have all run.
  if (file.window != nullptr && !file.window->wait_drained(std::chrono::milliseconds(250))) {
    return false;
  }
  if (env_.checkpoints != nullptr && file.identified) {
    env_.checkpoints->forget(config_.name, file.identity.device, file.identity.inode);
  }
  close(file);
  return true;
}

}  // namespace horolog
