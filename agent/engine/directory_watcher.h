// The engine's one inotify instance for every input's directories (an instance per input would
// run into the kernel's limit of 128 per user), and a way for the engine's own threads to end a
// wait early. Without inotify the engine's periodic polls are all there is.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace horolog {

class DirectoryWatcher {
 public:
  DirectoryWatcher();
  ~DirectoryWatcher();
  DirectoryWatcher(const DirectoryWatcher&) = delete;
  DirectoryWatcher& operator=(const DirectoryWatcher&) = delete;

  // Watches `directory` (once, however often asked); its id, or -1 when it cannot be watched.
  int watch(const std::string& directory);
  // Waits until a watched directory changes, wake() is called, or `timeout` passes; returns the
  // ids of the directories that changed (the events' content does not matter: any change leads
  // to the same read-and-stat pass).
  std::vector<int> wait(std::chrono::milliseconds timeout);
  // Ends a wait early; callable from any thread.
  void wake() noexcept;

 private:
  int inotify_fd_ = -1;
  int wake_fd_ = -1;
  std::map<std::string, int> ids_;
};

}  // namespace horolog
