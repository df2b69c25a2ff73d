// Durable read positions under data_dir: per input and file identity, the position after the
// last record every sink has accepted. Saving costs what changed, not what is tracked: a snapshot
// (checkpoints.json, replaced atomically) plus a log of the changes since (checkpoints.log,
// appended after every delivered batch), folded into a new snapshot when the log grows.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <tuple>

#include "agent/engine/checkpoint_codec.h"

namespace horolog {

class CheckpointStore {
 public:
  // Loads the snapshot and replays the log. Files that cannot be parsed are reported through
  // `problem`, moved aside (`.corrupt`) and the store starts empty; a last log line cut short
  // by a crash is only the change that was being written, and is dropped.
  explicit CheckpointStore(std::filesystem::path directory);
  ~CheckpointStore();
  CheckpointStore(const CheckpointStore&) = delete;
  CheckpointStore& operator=(const CheckpointStore&) = delete;

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

  // Writes what changed since the last save; returns false on I/O errors (reported through
  // spdlog; the next save retries). Without `durable` the changes are appended to the log
  // (survives the process being killed; the agent does it after every delivered batch); with it
  // the log is synced, or folded into a new snapshot (fsync, rename, fsync of the directory)
  // once it outgrows the snapshot, and the result survives power loss.
  bool save(bool durable = true);

 private:
  using Key = std::tuple<std::string, std::uint64_t, std::uint64_t>;
  static Key key_of(const Checkpoint& c) { return {c.input, c.identity.device, c.identity.inode}; }
  void load();
  bool load_snapshot();
  void replay_log();
  void set_aside(const std::filesystem::path& file, const std::string& why);
  // The changes since the last save as log lines; clears the change set.
  std::string take_changes();
  bool append_to_log(const std::string& lines);
  bool write_snapshot();

  std::filesystem::path directory_;
  std::filesystem::path snapshot_;
  std::filesystem::path log_;
  mutable std::mutex mutex_;
  std::mutex save_mutex_;  // one writer of the files at a time
  std::map<Key, Checkpoint> entries_;
  std::set<Key> changed_;                // updated since the last save
  std::map<Key, Checkpoint> forgotten_;  // forgotten since the last save
  int log_fd_ = -1;
  std::uint64_t log_bytes_ = 0;
  std::uint64_t snapshot_bytes_ = 0;
  bool log_unsynced_ = false;
  std::string problem_;
};

}  // namespace horolog
