// The lock file holds the holder's pid, so a refused agent can say who holds it. The pid is
// information only: the flock decides, and a stale pid from a killed agent is simply overwritten.
#include "agent/engine/data_dir_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace horolog {

namespace {

// The pid a holder wrote, or "" when there is none yet (it may be writing it this instant).
std::string holder_pid(int fd) {
  char text[32] = {};
  const ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
  std::string pid(text, n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid.find_first_not_of("0123456789") == std::string::npos ? pid : std::string();
}

}  // namespace

Result<DataDirLock> DataDirLock::acquire(const std::filesystem::path& directory) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) {
    return fail(Error::from_errno(ec.value(), "cannot create data_dir " + directory.string()));
  }
  const std::filesystem::path path = directory / "horolog.lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return fail(Error::from_errno(errno, "cannot open " + path.string()));
  DataDirLock lock(fd);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) return fail(Error::from_errno(errno, "cannot lock " + path.string()));
    const std::string pid = holder_pid(fd);
    return fail(ErrorCode::in_use, "data_dir " + directory.string() +
                                       " is in use by another horolog" +
                                       (pid.empty() ? std::string() : " (pid " + pid + ")") +
                                       ": two agents on one data_dir would ship every line twice");
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
    return fail(Error::from_errno(errno, "cannot write " + path.string()));
  }
  return lock;
}

DataDirLock::~DataDirLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

}  // namespace horolog
