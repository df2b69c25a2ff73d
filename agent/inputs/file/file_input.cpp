// Discovery, identity, resume, rotation and the follow loop of the file input.
#include "agent/inputs/file/file_input.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <glob.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "agent/engine/read_loop.h"
#include "agent/engine/sources/source_factory.h"
#include "agent/engine/write_stage.h"
#include "agent/inputs/file/file_watcher.h"
#include "normalizer/printable_text.h"

namespace horolog {

struct FileInput::TrackedFile {
  std::string path;
  int fd = -1;  // before `source`, which borrows it: closed after the source is gone
  FileIdentity identity;
  std::unique_ptr<RecordSource> source;
  std::unique_ptr<DeliveryWindow> window;
  std::uint64_t next_sequence = 1;
  // Set once the path no longer leads to this file (renamed away or deleted): the file is read
  // until it has been quiet for rotate_wait, then released.
  bool detached = false;
  // Set when the content under this inode no longer starts as it did (copytruncate).
  bool replaced = false;
  std::chrono::steady_clock::time_point last_data = std::chrono::steady_clock::now();

  std::uint64_t position() const { return source->position().offset; }
  bool line_framed() const { return source->format().framing == RecordFraming::lines; }

  ~TrackedFile() {
    source.reset();
    if (fd >= 0) ::close(fd);
  }
};

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
  auto output =
      std::make_unique<WriteStage>(env.sinks, env.stats, config.format, config.fields(), env.clock);
  return std::make_unique<FileInput>(config, options, env, std::move(output));
}

FileInput::FileInput(InputConfig config, FileInputOptions options, InputEnvironment env,
                     std::unique_ptr<BatchOutput> output)
    : config_(std::move(config)),
      options_(std::move(options)),
      env_(std::move(env)),
      format_(find_format(config_.format)),
      output_(std::move(output)) {}

FileInput::~FileInput() = default;

bool FileInput::matches_exclude(const std::string& path) const {
  const std::string base = path.substr(path.find_last_of('/') + 1);
  return std::any_of(options_.exclude.begin(), options_.exclude.end(), [&](const std::string& p) {
    return fnmatch(p.c_str(), path.c_str(), 0) == 0 || fnmatch(p.c_str(), base.c_str(), 0) == 0;
  });
}

std::unique_ptr<FileInput::TrackedFile> FileInput::open_file(const std::string& path,
                                                             bool first_scan) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    spdlog::warn("input {}: cannot open {}: {}", config_.name, printable_text(path),
                 std::strerror(errno));
    return nullptr;
  }
  auto file = std::make_unique<TrackedFile>();
  file->fd = fd;
  file->path = path;
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !identify_file(fd, file->identity)) {
    return nullptr;
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);

  // Where to start: a checkpoint of this very file, else read_from for files present at start
  // (files that appear later are new and read whole).
  std::uint64_t start = first_scan && options_.read_from == ReadFrom::end ? size : 0;
  if (env_.checkpoints != nullptr) {
    if (auto saved =
            env_.checkpoints->find(config_.name, file->identity.device, file->identity.inode)) {
      if (!fingerprint_matches(fd, saved->identity)) {
        ++counters_.inode_reuses;
        spdlog::info(
            "input {}: {} reuses the inode of a file read before; reading it from the start",
            config_.name, printable_text(path));
        start = 0;
      } else if (saved->position > size) {
        ++counters_.truncations;
        start = 0;
      } else {
        start = saved->position;
      }
    } else if (env_.checkpoints->loaded_corrupt()) {
      start = 0;  // documented: without trustworthy checkpoints, duplicates rather than loss
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
  Result<std::unique_ptr<RecordSource>> source = open_file_source(fd, path, source_options);
  if (!source) {
    ++counters_.read_errors;
    spdlog::error("input {}: {}", config_.name, printable_text(source.error().message()));
    return nullptr;
  }
  file->source = std::move(*source);
  file->window =
      std::make_unique<DeliveryWindow>(env_.max_batches_in_flight, SourcePosition(start));
  ++counters_.files_opened;
  env_.stats.count_file(config_.format);
  spdlog::info("input {}: reading {} from byte {}", config_.name, printable_text(path), start);
  if (env_.checkpoints != nullptr) {
    env_.checkpoints->update({config_.name, path, file->identity, start});
  }
  return file;
}

void FileInput::scan(bool first_scan) {
  for (const std::string& pattern : options_.paths) {
    glob_t matches{};
    if (glob(pattern.c_str(), 0, nullptr, &matches) == 0) {
      for (std::size_t i = 0; i < matches.gl_pathc; ++i) {
        // Absolute paths in events and for identity: the agent's working directory is incidental.
        const std::string path =
            std::filesystem::absolute(matches.gl_pathv[i]).lexically_normal().string();
        if (matches_exclude(path)) continue;
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
        auto same = std::find_if(files_.begin(), files_.end(), [&](const auto& f) {
          return f->identity.device == static_cast<std::uint64_t>(st.st_dev) &&
                 f->identity.inode == static_cast<std::uint64_t>(st.st_ino);
        });
        if (same != files_.end()) {
          // A file we follow, under a new name that the globs also match (syslog → syslog.1).
          (*same)->path = path;
          (*same)->detached = false;
          continue;
        }
        if (auto file = open_file(path, first_scan)) files_.push_back(std::move(file));
      }
    }
    globfree(&matches);
  }
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
            {config_.name, file.path, file.identity, file.window->durable_position().offset});
      }
    }
  }
  return false;
}

std::optional<SinkSet::Completion> FileInput::begin_delivery(TrackedFile& file,
                                                             const SourcePosition& end,
                                                             const std::atomic<bool>& stop) {
  file.last_data = std::chrono::steady_clock::now();
  const std::uint64_t sequence = file.next_sequence++;
  if (!file.window->begin(sequence, end, stop)) return std::nullopt;
  DeliveryWindow* window = file.window.get();
  const FileIdentity identity = file.identity;
  return [this, window, identity, sequence](std::uint64_t, bool delivered) {
    window->complete(sequence, delivered);
    if (env_.checkpoints != nullptr) {
      env_.checkpoints->update_position(config_.name, identity, window->durable_position().offset);
      // Saved at once: after a kill -9 only the batches in flight are read again.
      env_.checkpoints->save(/*durable=*/false);
    }
  };
}

bool FileInput::pump(TrackedFile& file, const std::atomic<bool>& stop) {
  ReadLoop loop(*output_);
  const ReadLoop::OpenDelivery open = [&](const SourcePosition& end) {
    return begin_delivery(file, end, stop);
  };
  bool any = false;
  while (!stop) {
    // Before each read: copytruncate replaces the content under the same inode; reading on at
    // our old position would yield the middle of some new line. (A file read whole is checked
    // by its size only: an EVTX header changes as the file grows.)
    if (file.line_framed() && file.position() > 0 && content_replaced(file)) {
      file.replaced = true;
      break;
    }
    const Result<SourceStatus> status = loop.step(*file.source, open);
    if (!status) {
      ++counters_.read_errors;
      spdlog::error("input {}: {}", config_.name, printable_text(status.error().message()));
      break;
    }
    if (*status != SourceStatus::batch) break;
    any = true;
  }
  output_->drain();
  return any;
}

FileInput::Verdict FileInput::check_file(TrackedFile& file, const std::atomic<bool>& stop) {
  struct stat by_fd {};
  if (file.replaced || (fstat(file.fd, &by_fd) == 0 &&
                        static_cast<std::uint64_t>(by_fd.st_size) < file.position())) {
    // copytruncate: the file shrank below what we read; what is there now is new data.
    ++counters_.truncations;
    spdlog::warn("input {}: {} was truncated; reading it again from the start", config_.name,
                 printable_text(file.path));
    return Verdict::reopen;
  }
  struct stat by_path {};
  const bool same_name = ::stat(file.path.c_str(), &by_path) == 0 &&
                         static_cast<std::uint64_t>(by_path.st_dev) == file.identity.device &&
                         static_cast<std::uint64_t>(by_path.st_ino) == file.identity.inode;
  if (same_name) return Verdict::keep;
  if (!file.detached) {
    file.detached = true;
    ++counters_.rotations;
    spdlog::info("input {}: {} was rotated or removed; draining it", config_.name,
                 printable_text(file.path));
  }
  // A writer may still be finishing its last lines into the old file: keep it a little.
  const bool quiet = std::chrono::steady_clock::now() - file.last_data >= options_.rotate_wait;
  if (!quiet && !stop) return Verdict::keep;
  file.source->finish();
  pump(file, stop);
  return Verdict::release;
}

bool FileInput::release(TrackedFile& file) {
  // Completions hold pointers into the file's window: it lives until they have all run.
  if (!file.window->wait_drained(std::chrono::milliseconds(250))) return false;
  if (env_.checkpoints != nullptr) {
    env_.checkpoints->forget(config_.name, file.identity.device, file.identity.inode);
  }
  return true;
}

void FileInput::run(bool once, const std::atomic<bool>& stop) {
  scan(/*first_scan=*/true);
  if (once) {
    for (auto& file : files_) {
      file->source->finish();
      pump(*file, stop);
      file->window->wait_drained(std::chrono::seconds(60));
    }
    return;
  }
  FileWatcher watcher(options_.paths);
  const auto wait_at_most =
      std::min(std::chrono::duration_cast<std::chrono::milliseconds>(options_.scan_interval),
               std::chrono::milliseconds(250));  // short enough to notice `stop` promptly
  while (!stop) {
    bool any = false;
    for (auto& file : files_) any |= pump(*file, stop);
    if (any) continue;  // keep reading while there is data; checks come when it is quiet
    // Scan before judging rotations: a renamed file that the globs still match keeps its
    // identity and position under the new name.
    scan(/*first_scan=*/false);
    for (auto& file : files_) {
      const Verdict verdict = check_file(*file, stop);
      if (verdict == Verdict::keep || !release(*file)) continue;
      file = verdict == Verdict::reopen ? open_file(std::string(file->path), false) : nullptr;
    }
    std::erase_if(files_, [](const auto& f) { return f == nullptr; });
    watcher.wait(wait_at_most);
  }
  for (auto& file : files_) file->window->wait_drained(std::chrono::seconds(10));
}

void FileInput::print_summary(std::ostream& out) const {
  out << counters_.files_opened << " file(s), " << counters_.rotations << " rotation(s), "
      << counters_.truncations << " truncation(s), " << counters_.inode_reuses
      << " inode reuse(s), " << counters_.read_errors << " read error(s)";
}

}  // namespace horolog
