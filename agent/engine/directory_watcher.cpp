// inotify for the directories, an eventfd for wake-ups, one poll() over both.
#include "agent/engine/directory_watcher.h"

#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>

#include "normalizer/printable_text.h"

namespace horolog {

DirectoryWatcher::DirectoryWatcher()
    : inotify_fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)),
      wake_fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
  if (inotify_fd_ < 0) spdlog::info("inotify unavailable; relying on periodic scans");
}

DirectoryWatcher::~DirectoryWatcher() {
  if (inotify_fd_ >= 0) ::close(inotify_fd_);
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

int DirectoryWatcher::watch(const std::string& directory) {
  if (const auto it = ids_.find(directory); it != ids_.end()) return it->second;
  constexpr std::uint32_t kMask =
      IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CLOSE_WRITE | IN_ATTRIB;
  const int id = inotify_fd_ < 0 ? -1 : ::inotify_add_watch(inotify_fd_, directory.c_str(), kMask);
  if (id < 0) spdlog::debug("cannot watch {}; periodic scans cover it", printable_text(directory));
  ids_.emplace(directory, id);
  return id;
}

std::vector<int> DirectoryWatcher::wait(std::chrono::milliseconds timeout) {
  pollfd fds[2] = {{wake_fd_, POLLIN, 0}, {inotify_fd_, POLLIN, 0}};
  std::vector<int> changed;
  if (::poll(fds, 2, static_cast<int>(timeout.count())) <= 0) return changed;
  if ((fds[0].revents & POLLIN) != 0) {
    std::uint64_t count = 0;
    (void)::read(wake_fd_, &count, sizeof count);
  }
  if ((fds[1].revents & POLLIN) != 0) {
    alignas(inotify_event) char buffer[16384];
    ssize_t n;
    while ((n = ::read(inotify_fd_, buffer, sizeof buffer)) > 0) {
      for (ssize_t at = 0; at < n;) {
        const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
        if (std::find(changed.begin(), changed.end(), event->wd) == changed.end()) {
          changed.push_back(event->wd);
        }
        at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      }
    }
  }
  return changed;
}

void DirectoryWatcher::wake() noexcept {
  const std::uint64_t one = 1;
  (void)::write(wake_fd_, &one, sizeof one);
}

}  // namespace horolog
