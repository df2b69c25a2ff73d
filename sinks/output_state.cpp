// The state file is text: blocks of "horolog file sink outputs LENGTH CRC32\n" followed by LENGTH
// bytes of records, one line per output: "DEVICE INODE BORN_NS SIZE PATH_LENGTH PATH" (the
// length keeps any byte a path may hold).
#include "sinks/output_state.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/file.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>

#include "sinks/write_fully.h"

namespace horolog {

namespace {

constexpr std::string_view kMagic = "horolog file sink outputs ";
constexpr std::uint64_t kRewriteAt = 64 << 10;

template <class T>
bool take_number(std::string_view& text, T& value, char end_char = ' ', int base = 10) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc() || end == text.data() + text.size() || *end != end_char) return false;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()) + 1);
  return true;
}

template <class T>
void put_number(std::string& out, T value, char end_char = ' ', int base = 10) {
  char digits[24];
  out.append(digits, std::to_chars(digits, digits + sizeof digits, value, base).ptr);
  out += end_char;
}

std::uint32_t checksum(std::string_view bytes) {
  return static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

// The records of one block's payload; false when they do not parse.
bool parse_records(std::string_view text, std::vector<OutputRecord>& records) {
  records.clear();
  while (!text.empty()) {
    OutputRecord record;
    std::size_t length = 0;
    if (!take_number(text, record.identity.device) || !take_number(text, record.identity.inode) ||
        !take_number(text, record.identity.born_ns) || !take_number(text, record.size) ||
        !take_number(text, length) || text.size() < length + 1 || text[length] != '\n') {
      return false;
    }
    record.path = text.substr(0, length);
    text.remove_prefix(length + 1);
    records.push_back(std::move(record));
  }
  return true;
}

}  // namespace

OutputState::OutputState(std::string path) : path_(std::move(path)), temp_path_(path_ + ".tmp") {}

OutputState::~OutputState() {
  if (fd_ >= 0) ::close(fd_);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

int OutputState::lock() {
  const std::string lock_path = path_ + ".lock";
  constexpr int kFlags = O_RDWR | O_CREAT | O_CLOEXEC;
  lock_fd_ = ::open(lock_path.c_str(), kFlags, 0644);
  if (lock_fd_ < 0 && errno == ENOENT) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path_).parent_path(), ec);
    lock_fd_ = ::open(lock_path.c_str(), kFlags, 0644);
  }
  if (lock_fd_ < 0) return errno;
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) return errno == EWOULDBLOCK ? EAGAIN : errno;
  return 0;
}

Result<std::vector<OutputRecord>> OutputState::load() const {
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::vector<OutputRecord>{};
    return fail(Error::from_errno(errno, "cannot read " + path_));
  }
  std::string content;
  char chunk[65536];
  ssize_t n = 0;
  while ((n = ::read(fd, chunk, sizeof chunk)) > 0) {
    content.append(chunk, static_cast<std::size_t>(n));
  }
  const int read_errno = errno;
  ::close(fd);
  if (n < 0) return fail(Error::from_errno(read_errno, "cannot read " + path_));
  // The last whole block is the state; a block cut short by a crash ends the file.
  std::vector<OutputRecord> state, block;
  bool any = false;
  std::string_view text = content;
  while (text.starts_with(kMagic)) {
    text.remove_prefix(kMagic.size());
    std::size_t length = 0;
    std::uint32_t crc = 0;
    if (!take_number(text, length) || !take_number(text, crc, '\n', 16) || text.size() < length ||
        checksum(text.substr(0, length)) != crc || !parse_records(text.substr(0, length), block)) {
      break;
    }
    text.remove_prefix(length);
    state.swap(block);
    any = true;
  }
  if (!any && !content.empty()) {
    return fail(ErrorCode::corrupt, path_ + " is not a file sink state");
  }
  return state;
}

void OutputState::add(std::string_view path, const OutputIdentity& identity, std::uint64_t size) {
  put_number(records_, identity.device);
  put_number(records_, identity.inode);
  put_number(records_, identity.born_ns);
  put_number(records_, size);
  put_number(records_, path.size());
  records_ += path;
  records_ += '\n';
}

int OutputState::save(bool durable) {
  block_.assign(kMagic);
  put_number(block_, records_.size());
  put_number(block_, checksum(records_), '\n', 16);
  block_ += records_;
  records_.clear();
  if (fd_ < 0 || size_ + block_.size() > kRewriteAt) return rewrite(durable);
  int rc = write_fully(fd_, block_);
  if (rc == 0 && durable && ::fdatasync(fd_) != 0) rc = errno;
  if (rc == 0) {
    size_ += block_.size();
  } else if (::ftruncate(fd_, static_cast<off_t>(size_)) != 0) {
    // A part of the block stays: whole blocks after it would not be read. Start a new file.
    ::close(fd_);
    fd_ = -1;
  }
  return rc;
}

int OutputState::rewrite(bool durable) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  constexpr int kFlags = O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC;
  int fd = ::open(temp_path_.c_str(), kFlags, 0644);
  if (fd < 0 && errno == ENOENT) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path_).parent_path(), ec);
    fd = ::open(temp_path_.c_str(), kFlags, 0644);
  }
  if (fd < 0) return errno;
  int rc = write_fully(fd, block_);
  if (rc == 0 && durable && ::fsync(fd) != 0) rc = errno;
  if (rc == 0 && ::rename(temp_path_.c_str(), path_.c_str()) != 0) rc = errno;
  if (rc == 0 && durable) {
    // The rename itself must survive a crash: sync the folder's entry too.
    const std::string folder = std::filesystem::path(path_).parent_path().string();
    const int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (dir >= 0) {
      if (::fsync(dir) != 0) rc = errno;
      ::close(dir);
    }
  }
  if (rc != 0) {
    ::close(fd);
    return rc;
  }
  fd_ = fd;  // renamed: now the state file, open for the next blocks
  size_ = block_.size();
  return 0;
}

void repair_outputs(const std::vector<OutputRecord>& records, std::string_view sink) {
  for (const OutputRecord& record : records) {
    const int fd = ::open(record.path.c_str(), O_RDWR | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) continue;  // gone, or a symlink now: nothing of ours to repair
    OutputIdentity identity;
    std::uint64_t size = 0;
    if (identify_output(fd, identity, size) == 0 && identity == record.identity &&
        size > record.size) {
      if (::ftruncate(fd, static_cast<off_t>(record.size)) == 0) {
        spdlog::warn(
            "file sink {}: repaired {}: cut {} byte(s) after the last acknowledged batch (the "
            "rest is delivered again)",
            sink, record.path, size - record.size);
      } else {
        spdlog::error(
            "file sink {}: cannot cut {} back to {} bytes ({}): a batch never acknowledged stays "
            "in it and is written again after it",
            sink, record.path, record.size, std::strerror(errno));
      }
    }
    ::close(fd);
  }
}

}  // namespace horolog
