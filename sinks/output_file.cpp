// File I/O of one output: open, append a batch, cut back what a failed write left.
#include "sinks/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "sinks/write_fully.h"

namespace horolog {

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
  struct stat st {};
  committed_size_ = fstat(fd_, &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
  if (compression_ == Compression::none) cut_torn_tail();
  return 0;
}

void OutputFile::cut_torn_tail() noexcept {
  // A crash in the middle of a write leaves half a line at the end. That batch was never
  // acknowledged, so it will be delivered again: cut the half line rather than glue the next
  // one onto it.
  char block[4096];
  std::uint64_t end = committed_size_;
  while (end > 0) {
    const std::uint64_t begin = end > sizeof block ? end - sizeof block : 0;
    const ssize_t n = ::pread(fd_, block, end - begin, static_cast<off_t>(begin));
    if (n <= 0) return;
    for (ssize_t i = n - 1; i >= 0; --i) {
      if (block[i] != '\n') continue;
      const std::uint64_t keep = begin + static_cast<std::uint64_t>(i) + 1;
      if (keep != committed_size_ && ftruncate(fd_, static_cast<off_t>(keep)) == 0) {
        committed_size_ = keep;
      }
      return;
    }
    end = begin;
  }
  if (committed_size_ > 0 && ftruncate(fd_, 0) == 0) committed_size_ = 0;
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
  int rc = write_fully(fd_, out);
  if (rc == 0 && fsync && ::fsync(fd_) != 0) rc = errno;
  if (rc != 0) {
    // Cut the partial write so the retry leaves no half line (or half frame) behind.
    if (ftruncate(fd_, static_cast<off_t>(committed_size_)) != 0) rc = errno;
    return rc;
  }
  committed_size_ += out.size();
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
