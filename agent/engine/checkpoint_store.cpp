// JSON checkpoint file (read with simdjson, written by hand: flat objects of numbers and names).
#include "agent/engine/checkpoint_store.h"

#include <fcntl.h>
#include <simdjson.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sinks/json_string.h"
#include "sinks/write_fully.h"

namespace horolog {

namespace {

constexpr int kFormatVersion = 1;

}  // namespace

std::uint64_t fingerprint_bytes(const char* data, std::size_t length) noexcept {
  std::uint64_t hash = 14695981039346656037ull;
  for (std::size_t i = 0; i < length; ++i) {
    hash ^= static_cast<unsigned char>(data[i]);
    hash *= 1099511628211ull;
  }
  return hash;
}

bool identify_file(int fd, FileIdentity& identity) {
  struct stat st {};
  if (fstat(fd, &st) != 0) return false;
  identity.device = static_cast<std::uint64_t>(st.st_dev);
  identity.inode = static_cast<std::uint64_t>(st.st_ino);
  char head[kFingerprintBytes];
  const ssize_t n = ::pread(fd, head, sizeof head, 0);
  if (n < 0) return false;
  identity.fingerprint_length = static_cast<std::uint32_t>(n);
  identity.fingerprint = fingerprint_bytes(head, static_cast<std::size_t>(n));
  return true;
}

bool fingerprint_matches(int fd, const FileIdentity& identity) {
  char head[kFingerprintBytes];
  const ssize_t n = ::pread(fd, head, identity.fingerprint_length, 0);
  return n == static_cast<ssize_t>(identity.fingerprint_length) &&
         fingerprint_bytes(head, identity.fingerprint_length) == identity.fingerprint;
}

CheckpointStore::CheckpointStore(std::filesystem::path directory)
    : directory_(std::move(directory)), file_(directory_ / "checkpoints.json") {
  load();
}

void CheckpointStore::load() {
  std::error_code ec;
  if (!std::filesystem::exists(file_, ec)) return;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  auto fail = [&](const std::string& why) {
    problem_ = "checkpoint file " + file_.string() + " is unreadable (" + why +
               "); it was moved to checkpoints.json.corrupt and every file is read from its "
               "beginning (duplicates rather than loss)";
    entries_.clear();
    std::filesystem::rename(file_, directory_ / "checkpoints.json.corrupt", ec);
  };
  if (auto error = parser.load(file_.string()).get(root))
    return fail(simdjson::error_message(error));
  simdjson::dom::array sources;
  int64_t version = 0;
  if (root["version"].get(version) || version != kFormatVersion) return fail("unknown version");
  if (root["sources"].get(sources)) return fail("no sources array");
  for (simdjson::dom::element item : sources) {
    Checkpoint c;
    std::string_view input, path;
    uint64_t device = 0, inode = 0, fingerprint = 0, length = 0, position = 0;
    if (item["input"].get(input) || item["path"].get(path) || item["device"].get(device) ||
        item["inode"].get(inode) || item["fingerprint"].get(fingerprint) ||
        item["fingerprint_length"].get(length) || item["position"].get(position) ||
        length > kFingerprintBytes) {
      return fail("malformed entry");
    }
    c.input = input;
    c.path = path;
    c.identity = {device, inode, fingerprint, static_cast<std::uint32_t>(length)};
    c.position = position;
    entries_[{c.input, device, inode}] = std::move(c);
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
  Checkpoint& entry =
      entries_[{checkpoint.input, checkpoint.identity.device, checkpoint.identity.inode}];
  if (entry.position == checkpoint.position && entry.identity == checkpoint.identity &&
      entry.path == checkpoint.path) {
    return;
  }
  entry = checkpoint;
  dirty_ = true;
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
  dirty_ = true;
}

void CheckpointStore::forget(const std::string& input, std::uint64_t device, std::uint64_t inode) {
  std::lock_guard lock(mutex_);
  dirty_ |= entries_.erase({input, device, inode}) > 0;
}

bool CheckpointStore::save(bool durable) {
  std::lock_guard save_lock(save_mutex_);
  std::string text;
  {
    std::lock_guard lock(mutex_);
    if (!dirty_ && !(durable && unsynced_)) return true;
    unsynced_ = !durable;
    text = "{\"version\":" + std::to_string(kFormatVersion) + ",\"sources\":[\n";
    bool first = true;
    for (const auto& [_, c] : entries_) {
      if (!first) text += ",\n";
      first = false;
      text += "{\"input\":";
      append_json_string(text, c.input);
      text += ",\"path\":";
      append_json_string(text, c.path);
      text += ",\"device\":" + std::to_string(c.identity.device) +
              ",\"inode\":" + std::to_string(c.identity.inode) +
              ",\"fingerprint\":" + std::to_string(c.identity.fingerprint) +
              ",\"fingerprint_length\":" + std::to_string(c.identity.fingerprint_length) +
              ",\"position\":" + std::to_string(c.position) + "}";
    }
    text += "\n]}\n";
    dirty_ = false;
  }
  std::error_code ec;
  std::filesystem::create_directories(directory_, ec);
  const std::filesystem::path temp = directory_ / "checkpoints.json.tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  bool ok = fd >= 0 && write_fully(fd, text) == 0 && (!durable || ::fsync(fd) == 0);
  const int saved_errno = errno;
  if (fd >= 0) ::close(fd);
  ok = ok && ::rename(temp.c_str(), file_.c_str()) == 0;
  if (ok && !durable) return true;
  if (ok) {
    // The rename itself must survive a crash: sync the directory entry too.
    const int dir = ::open(directory_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
      ::fsync(dir);
      ::close(dir);
    }
    return true;
  }
  spdlog::error("cannot write checkpoints to {}: {}", file_.string(), std::strerror(saved_errno));
  std::lock_guard lock(mutex_);
  dirty_ = true;
  return false;
}

}  // namespace horolog
