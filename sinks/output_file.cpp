// File I/O of one output: open without following symlinks, learn which file it is, append a
// batch, cut back what a failed write of its own left.
#include "sinks/output_file.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "sinks/write_fully.h"

namespace horolog {

int identify_output(int fd, OutputIdentity& identity, std::uint64_t& size) noexcept {
  struct statx st {};
  if (::statx(fd, "", AT_EMPTY_PATH, STATX_INO | STATX_SIZE | STATX_BTIME, &st) != 0) {
    return errno;
  }
  identity.device = makedev(st.stx_dev_major, st.stx_dev_minor);
  identity.inode = st.stx_ino;
  identity.born_ns = (st.stx_mask & STATX_BTIME) != 0
                         ? st.stx_btime.tv_sec * 1'000'000'000LL + st.stx_btime.tv_nsec
                         : 0;
  size = st.stx_size;
  return 0;
}

OutputFile::OutputFile(std::string path, Compression compression)
    : path_(std::move(path)), compression_(compression) {}

OutputFile::~OutputFile() { close(); }

int OutputFile::open() {
  if (fd_ >= 0) return 0;
  constexpr int kFlags = O_RDWR | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC;
  fd_ = ::open(path_.c_str(), kFlags, 0644);
  if (fd_ < 0 && errno == ENOENT) {
    // Its folder is missing. Only then are folders created: outputs are reopened often.
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path_).parent_path(), ec);
    fd_ = ::open(path_.c_str(), kFlags, 0644);
  }
  if (fd_ < 0) return errno;
  OutputIdentity identity;
  std::uint64_t size = 0;
  if (const int rc = identify_output(fd_, identity, size); rc != 0) {
    close();
    return rc;
  }
  adopt(identity, size);
  return 0;
}

int OutputFile::check_size() {
  const off_t end = ::lseek(fd_, 0, SEEK_END);
  if (end < 0) return errno;
  if (static_cast<std::uint64_t>(end) != committed_size_) {
    adopt(identity_, static_cast<std::uint64_t>(end));
  }
  return 0;
}

void OutputFile::adopt(const OutputIdentity& identity, std::uint64_t size) {
  const bool same_file = identified_ && identity == identity_;
  if (same_file && torn_ && size > committed_size_ &&
      ::ftruncate(fd_, static_cast<off_t>(committed_size_)) == 0) {
    spdlog::warn("file sink: {}: cut {} byte(s) left by a write of its own that failed", path_,
                 size - committed_size_);
    size = committed_size_;
  }
  torn_ = false;
  if (same_file && size == committed_size_) return;  // as the last commit left it
  // New to this sink, or changed by someone else: what is in it now is not ours to cut, and
  // must be recorded as such before anything is written after it.
  identified_ = true;
  identity_ = identity;
  committed_size_ = size;
  acknowledged_size_ = size;
  recorded_in_ = 0;
  separator_ = compression_ == Compression::none && size > 0 && !ends_in_newline(size);
  if (separator_) {
    spdlog::warn(
        "file sink: {} does not end in a newline; its last line is kept as it is, and the next "
        "line starts on a line of its own",
        path_);
  }
}

bool OutputFile::ends_in_newline(std::uint64_t size) const noexcept {
  char last = '\n';
  return ::pread(fd_, &last, 1, static_cast<off_t>(size - 1)) != 1 || last == '\n';
}

void OutputFile::append(std::string_view lines, std::uint64_t ticket) {
  pending_.append(lines);
  if (tickets_.empty() || tickets_.back() != ticket) tickets_.push_back(ticket);
}

int OutputFile::commit(OutputCodec* codec, std::string& scratch, bool fsync) {
  if (pending_.empty()) return 0;
  std::string_view out = pending_;
  if (codec != nullptr) {
    if (!codec->compress(pending_, scratch)) return EIO;
    out = scratch;
  }
  int rc = separator_ ? write_fully(fd_, "\n") : 0;
  if (rc == 0) rc = write_fully(fd_, out);
  if (rc == 0 && fsync && ::fsync(fd_) != 0) rc = errno;
  if (rc != 0) {
    // Cut the partial write so the retry leaves no half line (or half frame) behind.
    torn_ = ::ftruncate(fd_, static_cast<off_t>(committed_size_)) != 0;
    return rc;
  }
  committed_size_ += out.size() + (separator_ ? 1 : 0);
  separator_ = false;
  drop_pending();
  return 0;
}

void OutputFile::drop_pending() noexcept {
  pending_.clear();
  tickets_.clear();
}

void OutputFile::trim() noexcept {
  if (pending_.empty() && pending_.capacity() > kKeptBufferBytes) std::string().swap(pending_);
}

void OutputFile::close() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

}  // namespace horolog
