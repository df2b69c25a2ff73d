// Durable read positions under data_dir: per source identity (device, inode, fingerprint of the
// first bytes) the position after the last record that every sink has accepted. Written
// atomically (temp file, fsync, rename, fsync of the directory).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace horolog {

// Who a file is, independent of its current name: rename keeps it, inode reuse is caught by the
// fingerprint (a hash of the first bytes, recorded with how many bytes it covers).
struct FileIdentity {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::uint64_t fingerprint = 0;
  std::uint32_t fingerprint_length = 0;

  friend bool operator==(const FileIdentity&, const FileIdentity&) = default;
};

struct Checkpoint {
  std::string input;  // the input that read the file
  std::string path;   // last known name (information only; identity decides)
  FileIdentity identity;
  std::uint64_t position = 0;
};

class CheckpointStore {
 public:
  // Loads `directory`/checkpoints.json. A file that cannot be parsed is reported through
  // `problem`, moved aside (checkpoints.json.corrupt) and the store starts empty.
  explicit CheckpointStore(std::filesystem::path directory);

  const std::string& problem() const noexcept { return problem_; }
  bool loaded_corrupt() const noexcept { return !problem_.empty(); }

  // The saved position of `input`'s file with this device and inode, if any.
  std::optional<Checkpoint> find(const std::string& input, std::uint64_t device,
                                 std::uint64_t inode) const;
  void update(const Checkpoint& checkpoint);
  // Moves the position of an existing entry (from delivery callbacks, which must not touch the
  // path the reading thread may be renaming).
  void update_position(const std::string& input, const FileIdentity& identity,
                       std::uint64_t position);
  void forget(const std::string& input, std::uint64_t device, std::uint64_t inode);

  // Writes the file when anything changed since the last save; returns false on I/O errors
  // (reported through spdlog; the next save retries). `durable` adds the fsyncs that make it
  // survive power loss; without them it still survives the process being killed, so the
  // agent saves after every delivered batch and syncs on a timer.
  bool save(bool durable = true);

 private:
  using Key = std::tuple<std::string, std::uint64_t, std::uint64_t>;
  void load();

  std::filesystem::path directory_;
  std::filesystem::path file_;
  mutable std::mutex mutex_;
  std::mutex save_mutex_;  // one writer of the temp file at a time
  std::map<Key, Checkpoint> entries_;
  bool dirty_ = false;
  bool unsynced_ = false;  // the last save skipped the fsyncs
  std::string problem_;
};

// Hash of the first `length` bytes of a file (FNV-1a, 64 bit); the identity's fingerprint.
std::uint64_t fingerprint_bytes(const char* data, std::size_t length) noexcept;

// Reads up to kFingerprintBytes from the start of an open file and fills the identity's
// fingerprint fields. device/inode are taken from fstat.
inline constexpr std::uint32_t kFingerprintBytes = 1024;
bool identify_file(int fd, FileIdentity& identity);

// True when the file still starts with the bytes the identity's fingerprint covers.
bool fingerprint_matches(int fd, const FileIdentity& identity);

}  // namespace horolog
