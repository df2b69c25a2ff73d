// FileSink: routing, rotation, commit with retry/backoff, permanent errors, the state of what
// it wrote, acknowledgements.
#include "sinks/file_sink.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <thread>

#include "sinks/output_error.h"
#include "sinks/output_state.h"

namespace horolog {

namespace {

// Outputs remembered while idle (what they are, their size) before the least recently used are
// forgotten; at least max_open_files.
constexpr std::size_t kMinKnownOutputs = 1024;
// Outputs whose permanent failure is logged at error level; beyond them, at debug level.
constexpr std::size_t kMaxReported = 1024;
// How often held events are recalled in the log while they wait for SIGHUP.
constexpr std::chrono::seconds kHeldReminderInterval{60};

std::string with_extension(std::string path, Compression compression) {
  const std::string_view ext = compression == Compression::gzip   ? ".gz"
                               : compression == Compression::zstd ? ".zst"
                                                                  : "";
  if (!ext.empty() && !std::string_view(path).ends_with(ext)) path += ext;
  return path;
}

std::string errno_name(int err) {
  const char* name = strerrorname_np(err);
  return name != nullptr ? name : std::to_string(err);
}

}  // namespace

Result<std::unique_ptr<FileSink>> FileSink::create(const SinkConfig& config,
                                                   const FileSinkOptions& options,
                                                   const SinkEnvironment& env) {
  Result<PathTemplate> path = PathTemplate::parse(options.path);
  if (!path) return fail(path.error().within("sink " + config.name + ": path"));
  if (env.state_dir.empty()) {
    return fail(ErrorCode::invalid_argument, "sink " + config.name + ": no state directory");
  }
  std::string file_name = "file-sink-";
  append_safe_name(file_name, config.name);
  const std::filesystem::path state_dir(env.state_dir);
  std::string dead_letter = options.dead_letter;
  if (dead_letter.empty()) dead_letter = (state_dir / (file_name + "-dead-letter.ndjson")).string();
  std::unique_ptr<FileSink> sink(new FileSink(config.name, options, std::move(*path), env,
                                              (state_dir / (file_name + ".state")).string(),
                                              std::move(dead_letter)));
  OutputState& state = sink->state_;
  if (const int rc = state.lock(); rc == EAGAIN) {
    return fail(ErrorCode::unsupported, "sink " + config.name + ": " + state.path() +
                                            " is in use by another horolog process: give each "
                                            "process a data_dir of its own");
  } else if (rc != 0) {
    return fail(Error::from_errno(rc, "sink " + config.name + ": cannot lock " + state.path()));
  }
  if (Result<std::vector<OutputRecord>> records = state.load(); records) {
    repair_outputs(*records, config.name);
  } else {
    spdlog::error("file sink {}: {}; no output is repaired", config.name,
                  records.error().message());
  }
  // What was recorded has been repaired: start from an empty record. A state directory that
  // cannot be written stops the start here rather than every batch later.
  if (const int rc = state.save(options.fsync); rc != 0) {
    return fail(Error::from_errno(rc, "sink " + config.name + ": cannot write " + state.path()));
  }
  return sink;
}

FileSink::FileSink(std::string name, FileSinkOptions options, PathTemplate path,
                   const SinkEnvironment& env, std::string state_path, std::string dead_letter)
    : name_(std::move(name)),
      options_(std::move(options)),
      template_(std::move(path)),
      ack_(env.ack),
      stopping_(env.stopping),
      one_shot_(env.one_shot),
      dead_letter_(std::move(dead_letter)),
      state_(std::move(state_path)),
      lru_(options_.max_open_files,
           std::max<std::size_t>(kMinKnownOutputs, options_.max_open_files)),
      last_commit_(std::chrono::steady_clock::now()) {
  if (options_.compression != Compression::none) {
    codec_ = std::make_unique<OutputCodec>(options_.compression);
  }
}

FileSink::~FileSink() { flush(); }

void FileSink::render_path(const Event& event, std::string_view format, std::string& out) const {
  template_.render(event, format, out);
  bound_path_components(out);
}

OutputFile& FileSink::file_for(const std::string& rendered) {
  // Keyed by the file's own path, so that held lines find their output again by it.
  std::string path = with_extension(rendered, options_.compression);
  if (OutputFile* known = lru_.find(path)) return *known;
  auto file = std::make_unique<OutputFile>(path, options_.compression);
  if (std::find(paths_written_.begin(), paths_written_.end(), path) == paths_written_.end()) {
    paths_written_.push_back(path);
  }
  return lru_.add(path, std::move(file));
}

bool FileSink::rotation_due(const OutputFile& file) const noexcept {
  return options_.max_size.bytes > 0 && file.committed_size() >= options_.max_size.bytes;
}

int FileSink::open_output(OutputFile& file) {
  const int rc = lru_.open(file);
  if (rc != 0 || !rotation_due(file)) return rc;
  rotate(file);
  return lru_.open(file);
}

void FileSink::rotate(OutputFile& file) {
  file.close();
  // Rotated files take the first free numeric suffix; the active name is always the template's.
  for (unsigned n = 1;; ++n) {
    const std::string target = file.path() + "." + std::to_string(n);
    std::error_code ec;
    if (std::filesystem::exists(target, ec)) continue;
    std::filesystem::rename(file.path(), target, ec);
    if (ec) spdlog::warn("file sink {}: cannot rotate {}: {}", name_, file.path(), ec.message());
    break;
  }
}

void FileSink::write(const EncodedBatch& batch) {
  const std::size_t count = batch.events->size;
  if (count > 0) render_path(batch.events->events[0], batch.format, path_scratch_);
  // Consecutive lines bound for the same file (nearly always all of them) are appended at once:
  // one lookup and one copy per run instead of per line.
  for (std::size_t begin = 0; begin < count;) {
    OutputFile& file = file_for(path_scratch_);
    if (file.pending_tickets().empty()) touched_.push_back(&file);
    std::size_t end = begin + 1;
    for (; end < count; ++end) {
      render_path(batch.events->events[end], batch.format, next_path_);
      if (next_path_ != path_scratch_) break;
    }
    const std::size_t first_byte = begin == 0 ? 0 : batch.line_ends[begin - 1];
    const std::string_view run =
        batch.ndjson.substr(first_byte, batch.line_ends[end - 1] - first_byte);
    file.append(run, batch.ticket);
    counters_.bytes += run.size();
    path_scratch_.swap(next_path_);  // the path of the line that ended the run, if any
    begin = end;
  }
  counters_.events += batch.events->size;
  unacked_.push_back(batch.ticket);

  const bool due = options_.flush == FlushPolicy::batch ||
                   std::chrono::steady_clock::now() - last_commit_ >= options_.flush_interval;
  if (due) flush();
}

int FileSink::try_commit(std::string& failed) {
  if (touched_.empty()) return 0;
  auto transient = [&](OutputFile& file, int rc) {
    if (is_permanent_output_error(rc)) {
      fail_for_good(file, rc);
      return 0;
    }
    file.close();  // reopen on retry: the path may have been fixed or the disk freed
    failed = file.path();
    return rc;
  };
  for (bool settled = false; !settled;) {
    // Files the state does not hold yet (new, replaced, rotated) are opened and recorded before
    // anything is written to them, so a crash in the middle of the batch leaves nothing a
    // restart could not repair.
    bool unrecorded = false;
    for (OutputFile* file : touched_) {
      if (file->pending_size() == 0) continue;  // written by an earlier attempt, or failed for good
      if (file->recorded_in(generation_) && !rotation_due(*file)) continue;
      if (const int rc = open_output(*file); rc != 0) {
        if (transient(*file, rc) != 0) return rc;
        continue;
      }
      unrecorded |= !file->recorded_in(generation_);
    }
    if (unrecorded) {
      if (const int rc = save_state(/*acknowledged=*/false); rc != 0) {
        failed = state_.path();
        return rc;
      }
    }
    settled = true;
    for (OutputFile* file : touched_) {
      if (file->pending_size() == 0) continue;
      int rc = open_output(*file);
      if (rc == 0) rc = file->check_size();
      if (rc == 0 && !file->recorded_in(generation_)) {
        settled = false;  // changed by someone else since it was recorded: record it again
        continue;
      }
      if (rc == 0) rc = file->commit(codec_.get(), compressed_, options_.fsync);
      if (rc != 0 && transient(*file, rc) != 0) return rc;
    }
  }
  if (const int rc = save_state(/*acknowledged=*/true); rc != 0) {
    failed = state_.path();
    return rc;
  }
  return 0;
}

int FileSink::save_state(bool acknowledged) {
  for (const OutputFile* file : touched_) {
    if (!file->identified()) continue;  // never opened: failed for good
    state_.add(file->path(), file->identity(),
               acknowledged ? file->committed_size() : file->acknowledged_size());
  }
  if (const int rc = state_.save(options_.fsync); rc != 0) return rc;
  ++generation_;
  for (OutputFile* file : touched_) {
    if (!file->identified()) continue;
    file->set_recorded_in(generation_);
    if (acknowledged) file->acknowledge();
  }
  return 0;
}

bool FileSink::commit_touched() {
  auto backoff = std::chrono::milliseconds(100);
  std::string failed;
  for (;;) {
    const int rc = try_commit(failed);
    if (rc == 0) return true;
    ++counters_.errors;
    spdlog::error("file sink {}: cannot write {}: {} (retrying in {} ms)", name_, failed,
                  std::strerror(rc), backoff.count());
    if (stopping_ != nullptr && stopping_->load()) return false;
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
  }
}

void FileSink::fail_for_good(OutputFile& file, int err) {
  std::size_t dead_lettered = 0;
  int dead_letter_rc = 0;
  if (options_.on_permanent_error == OutputErrorPolicy::dead_letter) {
    dead_letter_rc =
        dead_letter_.append(errno_name(err), std::strerror(err), {"file", "path", file.path()},
                            file.pending(), options_.fsync, dead_lettered);
  }
  counters_.dead_lettered += dead_lettered;
  const bool held = options_.on_permanent_error == OutputErrorPolicy::hold || dead_letter_rc != 0;
  if (held) {
    for (std::uint64_t ticket : file.pending_tickets()) {
      if (std::find(held_.begin(), held_.end(), ticket) == held_.end()) held_.push_back(ticket);
    }
    if (!one_shot_) {
      auto kept = std::find_if(held_lines_.begin(), held_lines_.end(),
                               [&](const HeldLines& h) { return h.path == file.path(); });
      if (kept == held_lines_.end()) kept = held_lines_.insert(kept, {file.path(), {}, {}});
      kept->lines.append(file.pending());
      kept->tickets.insert(kept->tickets.end(), file.pending_tickets().begin(),
                           file.pending_tickets().end());
    }
  }
  const bool first = reported_.size() < kMaxReported && reported_.insert(file.path()).second;
  const auto level = first ? spdlog::level::err : spdlog::level::debug;
  const std::string what =
      fmt::format("file sink {}: cannot write {}: {} ({}), which no retry cures", name_,
                  file.path(), std::strerror(err), errno_name(err));
  if (dead_letter_rc != 0) {
    spdlog::error("{}; cannot write the dead-letter file {} either: {}; holding the events", what,
                  dead_letter_.path(), std::strerror(dead_letter_rc));
  } else if (held && one_shot_) {
    spdlog::log(level, "{}; the events are not acknowledged: read again at the next run", what);
  } else if (held) {
    spdlog::log(level,
                "{}; holding the events (their file pauses once its window is full): fix the "
                "cause, then send SIGHUP to write them",
                what);
  } else {
    spdlog::log(level, "{}; {} event(s) written to the dead-letter file {}", what, dead_lettered,
                dead_letter_.path());
  }
  file.drop_pending();
}

void FileSink::ack_pending(bool committed) {
  for (std::uint64_t ticket : unacked_) {
    const bool held = std::find(held_.begin(), held_.end(), ticket) != held_.end();
    if (held && committed && !one_shot_) continue;  // answered when written again, or at shutdown
    const Delivery delivery = !committed ? Delivery::retry
                              : held     ? Delivery::rejected
                                         : Delivery::delivered;
    if (delivery == Delivery::delivered) ++counters_.batches_delivered;
    if (ack_) ack_(ticket, delivery);
  }
  unacked_.clear();
  held_.clear();
}

void FileSink::flush() {
  if (!unacked_.empty() || !touched_.empty()) {
    const bool committed = commit_touched();
    last_commit_ = std::chrono::steady_clock::now();
    if (!committed) {
      for (OutputFile* file : touched_) file->drop_pending();
    }
    touched_.clear();
    ack_pending(committed);
    lru_.forget_idle();
  }
  if (held_lines_.empty()) return;
  if (stopping_ != nullptr && stopping_->load()) {
    give_up_held();
  } else {
    remind_held();
  }
}

void FileSink::remind_held() {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_reminder_ < kHeldReminderInterval) return;
  last_reminder_ = now;
  std::size_t events = 0;
  for (const HeldLines& held : held_lines_) {
    events += static_cast<std::size_t>(std::count(held.lines.begin(), held.lines.end(), '\n'));
  }
  spdlog::warn(
      "file sink {}: {} event(s) held for {} output(s) that fail for good, first {}; "
      "fix the cause, then send SIGHUP",
      name_, events, held_lines_.size(), held_lines_.front().path);
}

void FileSink::give_up_held() {
  std::vector<std::uint64_t> answered;
  for (const HeldLines& held : held_lines_) {
    for (std::uint64_t ticket : held.tickets) {
      if (std::find(answered.begin(), answered.end(), ticket) != answered.end()) continue;
      answered.push_back(ticket);
      if (ack_) ack_(ticket, Delivery::rejected);
    }
  }
  held_lines_.clear();
}

void FileSink::rewrite_held() {
  std::vector<HeldLines> held = std::exchange(held_lines_, {});
  for (const HeldLines& h : held) {
    OutputFile& file = file_for(h.path);
    if (file.pending_tickets().empty()) touched_.push_back(&file);
    file.append(h.lines, h.tickets.front());
    for (std::uint64_t ticket : h.tickets) {
      file.append({}, ticket);
      if (std::find(unacked_.begin(), unacked_.end(), ticket) == unacked_.end()) {
        unacked_.push_back(ticket);
      }
    }
  }
  flush();  // what fails for good again is held again
}

void FileSink::reopen() {
  flush();
  lru_.clear();
  if (held_lines_.empty()) return;
  spdlog::info("file sink {}: writing the events held for {} output(s) again", name_,
               held_lines_.size());
  rewrite_held();
}

}  // namespace horolog
