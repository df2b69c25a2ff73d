// Prompt wake-up for the file input: inotify on the directories its globs point into, with a
// timeout so the periodic stat scan still runs (and is the only mechanism without inotify).
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace horolog {

class FileWatcher {
 public:
  // Watches the directory part of each glob pattern (those that exist now).
  explicit FileWatcher(const std::vector<std::string>& patterns);
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  // Waits until something changes in a watched directory or `timeout` passes.
  void wait(std::chrono::milliseconds timeout);
  bool using_inotify() const noexcept { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

}  // namespace horolog
