// inotify set-up and a poll() that drains whatever events arrived (their content does not matter:
// any change leads to the same read-and-stat pass).
#include "agent/inputs/file/file_watcher.h"

#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "normalizer/printable_text.h"

namespace horolog {

FileWatcher::FileWatcher(const std::vector<std::string>& patterns) {
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) {
    spdlog::info("inotify unavailable; relying on periodic scans");
    return;
  }
  constexpr std::uint32_t kMask =
      IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CLOSE_WRITE | IN_ATTRIB;
  for (const std::string& pattern : patterns) {
    // The directory is the part before the first component with a wildcard.
    std::filesystem::path dir = std::filesystem::path(pattern).parent_path();
    while (dir.string().find_first_of("*?[") != std::string::npos) dir = dir.parent_path();
    if (dir.empty()) dir = ".";
    if (inotify_add_watch(fd_, dir.c_str(), kMask) < 0) {
      spdlog::debug("cannot watch {}; periodic scans cover it", printable_text(dir.string()));
    }
  }
}

FileWatcher::~FileWatcher() {
  if (fd_ >= 0) ::close(fd_);
}

void FileWatcher::wait(std::chrono::milliseconds timeout) {
  if (fd_ < 0) {
    std::this_thread::sleep_for(timeout);
    return;
  }
  pollfd pfd{fd_, POLLIN, 0};
  if (::poll(&pfd, 1, static_cast<int>(timeout.count())) > 0) {
    alignas(inotify_event) char buffer[16384];
    while (::read(fd_, buffer, sizeof buffer) > 0) {
    }
  }
}

}  // namespace horolog
