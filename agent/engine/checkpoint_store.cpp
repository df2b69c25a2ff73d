// The snapshot is read whole; the log is replayed line by line over it. A save appends one write
// of the changed entries; folding rewrites the snapshot and empties the log.
#include "agent/engine/checkpoint_store.h"

#include <fcntl.h>
#include <simdjson.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "sinks/write_fully.h"

namespace horolog {

namespace {

constexpr int kFormatVersion = 1;
// The log is folded into the snapshot once it is larger than both this and the snapshot.
constexpr std::uint64_t kSmallestFold = std::uint64_t{1} << 20;

bool sync_directory(const std::filesystem::path& directory) {
  const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return false;
  const bool ok = ::fsync(dir) == 0;
  ::close(dir);
  return ok;
}

}  // namespace

CheckpointStore::CheckpointStore(std::filesystem::path directory)
    : directory_(std::move(directory)),
      snapshot_(directory_ / "checkpoints.json"),
      log_(directory_ / "checkpoints.log") {
  load();
}

CheckpointStore::~CheckpointStore() {
  if (log_fd_ >= 0) ::close(log_fd_);
}

void CheckpointStore::set_aside(const std::filesystem::path& file, const std::string& why) {
  problem_ = "checkpoint file " + file.string() + " is unreadable (" + why + "); it was moved to " +
             file.filename().string() +
             ".corrupt and every file is read from its beginning (duplicates rather than loss)";
  entries_.clear();
  std::error_code ec;
  std::filesystem::rename(file, file.string() + ".corrupt", ec);
}

void CheckpointStore::load() {
  if (!load_snapshot()) {
    // The log holds changes to a snapshot that is gone: meaningless on their own.
    std::error_code ec;
    std::filesystem::rename(log_, log_.string() + ".corrupt", ec);
    return;
  }
  replay_log();
}

bool CheckpointStore::load_snapshot() {
  std::error_code ec;
  if (!std::filesystem::exists(snapshot_, ec)) return true;
  snapshot_bytes_ = std::filesystem::file_size(snapshot_, ec);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto error = parser.load(snapshot_.string()).get(root)) {
    set_aside(snapshot_, simdjson::error_message(error));
    return false;
  }
  simdjson::dom::array sources;
  int64_t version = 0;
  if (root["version"].get(version) || version != kFormatVersion) {
    set_aside(snapshot_, "unknown version");
    return false;
  }
  if (root["sources"].get(sources)) {
    set_aside(snapshot_, "no sources array");
    return false;
  }
  for (simdjson::dom::element item : sources) {
    std::optional<CheckpointChange> entry = decode_checkpoint(item);
    if (!entry) {
      set_aside(snapshot_, "malformed entry");
      return false;
    }
    entries_[key_of(entry->checkpoint)] = std::move(entry->checkpoint);
  }
  return true;
}

void CheckpointStore::replay_log() {
  std::ifstream in(log_, std::ios::binary);
  if (!in) return;
  std::ostringstream read;
  read << in.rdbuf();
  const std::string text = read.str();
  log_bytes_ = text.size();
  simdjson::dom::parser parser;
  std::size_t begin = 0;
  while (begin < text.size()) {
    const std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) {
      // Without its newline the last line was being written when the agent stopped: the change
      // it held was saved by no one (its batch will be read again). Cut it, so that the next
      // change does not continue it.
      std::error_code ec;
      std::filesystem::resize_file(log_, begin, ec);
      log_bytes_ = begin;
      break;
    }
    simdjson::dom::element line;
    std::optional<CheckpointChange> change;
    if (!parser.parse(text.data() + begin, end - begin).get(line)) change = decode_checkpoint(line);
    if (!change) {
      set_aside(log_, "malformed change at byte " + std::to_string(begin));
      log_bytes_ = 0;
      return;
    }
    const Key key = key_of(change->checkpoint);
    if (change->forget) {
      entries_.erase(key);
    } else {
      entries_[key] = std::move(change->checkpoint);
    }
    begin = end + 1;
  }
}

std::optional<Checkpoint> CheckpointStore::find(const std::string& input, std::uint64_t device,
                                                std::uint64_t inode) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find({input, device, inode});
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

void CheckpointStore::update(const Checkpoint& checkpoint) {
  std::lock_guard lock(mutex_);
  const Key key = key_of(checkpoint);
  Checkpoint& entry = entries_[key];
  if (entry.position == checkpoint.position && entry.identity == checkpoint.identity &&
      entry.path == checkpoint.path && entry.cursor == checkpoint.cursor) {
    return;
  }
  entry = checkpoint;
  changed_.insert(key);
  forgotten_.erase(key);
}

void CheckpointStore::update_position(const std::string& input, const FileIdentity& identity,
                                      std::uint64_t position) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find({input, identity.device, identity.inode});
  if (it == entries_.end() || !(it->second.identity == identity) ||
      it->second.position == position) {
    return;
  }
  it->second.position = position;
  changed_.insert(it->first);
}

void CheckpointStore::forget(const std::string& input, std::uint64_t device, std::uint64_t inode) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find({input, device, inode});
  if (it == entries_.end()) return;
  changed_.erase(it->first);
  forgotten_[it->first] = std::move(it->second);
  entries_.erase(it);
}

std::string CheckpointStore::take_changes() {
  std::lock_guard lock(mutex_);
  std::string lines;
  for (const Key& key : changed_) {
    append_checkpoint_json(lines, {entries_.at(key), false});
    lines += '\n';
  }
  for (const auto& [key, checkpoint] : forgotten_) {
    append_checkpoint_json(lines, {checkpoint, true});
    lines += '\n';
  }
  changed_.clear();
  forgotten_.clear();
  return lines;
}

bool CheckpointStore::append_to_log(const std::string& lines) {
  if (log_fd_ < 0) {
    std::error_code ec;
    std::filesystem::create_directories(directory_, ec);
    log_fd_ = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log_fd_ < 0) return false;
  }
  // One write: a kill leaves whole lines and at most one cut short at the end.
  if (write_fully(log_fd_, lines) != 0) {
    const int error = errno;
    (void)::ftruncate(log_fd_, static_cast<off_t>(log_bytes_));  // no half line to continue
    errno = error;
    return false;
  }
  log_bytes_ += lines.size();
  log_unsynced_ = true;
  return true;
}

bool CheckpointStore::write_snapshot() {
  std::string text = "{\"version\":" + std::to_string(kFormatVersion) + ",\"sources\":[\n";
  {
    std::lock_guard lock(mutex_);
    bool first = true;
    for (const auto& [key, checkpoint] : entries_) {
      if (!first) text += ",\n";
      first = false;
      append_checkpoint_json(text, {checkpoint, false});
    }
  }
  text += "\n]}\n";
  std::error_code ec;
  std::filesystem::create_directories(directory_, ec);
  const std::filesystem::path temp = directory_ / "checkpoints.json.tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const bool written = fd >= 0 && write_fully(fd, text) == 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!written || ::rename(temp.c_str(), snapshot_.c_str()) != 0) return false;
  // The rename itself must survive a crash before the log it replaces is emptied.
  if (!sync_directory(directory_)) return false;
  snapshot_bytes_ = text.size();
  if (log_fd_ >= 0 && ::ftruncate(log_fd_, 0) != 0) return false;
  log_bytes_ = 0;
  log_unsynced_ = false;
  return true;
}

bool CheckpointStore::save(bool durable) {
  std::lock_guard save_lock(save_mutex_);
  const std::string lines = take_changes();
  bool ok = lines.empty() || append_to_log(lines);
  if (ok && durable) {
    if (log_bytes_ > std::max(kSmallestFold, snapshot_bytes_)) {
      ok = write_snapshot();
    } else if (log_unsynced_) {
      ok = ::fsync(log_fd_) == 0;
      log_unsynced_ = !ok;
    }
  }
  if (!ok) {
    spdlog::error("cannot write checkpoints under {}: {}", directory_.string(),
                  std::strerror(errno));
    if (!lines.empty()) {
      // Keep them as changes for the next save: re-mark every entry that is still there.
      std::lock_guard lock(mutex_);
      for (const auto& [key, checkpoint] : entries_) changed_.insert(key);
    }
  }
  return ok;
}

}  // namespace horolog
