// One agent per data_dir: two agents on one would each keep their own checkpoints of the same
// files and ship every line twice. An flock() on a file in data_dir, held for the life of the
// process, so the kernel releases it however the process ends (kill -9 included).
#pragma once

#include <filesystem>
#include <utility>

#include "normalizer/error.h"

namespace horolog {

class DataDirLock {
 public:
  // Creates `directory` when needed and locks `directory`/horolog.lock, writing our pid into it.
  // in_use naming the directory and the holder's pid when another process holds it.
  static Result<DataDirLock> acquire(const std::filesystem::path& directory);

  DataDirLock(DataDirLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  DataDirLock& operator=(DataDirLock&&) = delete;
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;
  ~DataDirLock();

 private:
  explicit DataDirLock(int fd) : fd_(fd) {}

  int fd_ = -1;
};

}  // namespace horolog
