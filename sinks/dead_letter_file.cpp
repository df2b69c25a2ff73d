// Appends with O_APPEND, one write per call: the dead-lettered events are in the file (synced,
// when the sink asks) before their batch counts as delivered and the checkpoint moves past them.
#include "sinks/dead_letter_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>

#include "normalizer/rfc3339_format.h"
#include "sinks/json_string.h"
#include "sinks/write_fully.h"

namespace horolog {

DeadLetterFile::DeadLetterFile(std::string path) : path_(std::move(path)) {}

DeadLetterFile::~DeadLetterFile() {
  if (fd_ >= 0) ::close(fd_);
}

int DeadLetterFile::append(std::string_view code, std::string_view reason,
                           const DeadLetterTarget& target, std::string_view events, bool sync,
                           std::size_t& count) {
  count = 0;
  if (fd_ < 0) {
    // Opened on first use: a sink whose outputs never refuse an event creates no file.
    std::error_code ec;
    const std::filesystem::path parent = std::filesystem::path(path_).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) return errno;
  }
  std::string prefix = "{\"@timestamp\":\"";
  append_rfc3339_utc(
      prefix,
      std::chrono::time_point_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now()), 6);
  prefix += "\",\"error\":{\"code\":";
  append_json_string(prefix, code);
  prefix += ",\"reason\":";
  append_json_string(prefix, reason);
  prefix += "},";
  append_json_string(prefix, target.object);
  prefix += ":{";
  append_json_string(prefix, target.member);
  prefix += ':';
  append_json_string(prefix, target.value);
  prefix += "},\"event\":";
  buffer_.clear();
  while (!events.empty()) {
    const std::size_t end = events.find('\n');
    const std::string_view event = events.substr(0, end);
    events.remove_prefix(end == std::string_view::npos ? events.size() : end + 1);
    if (event.empty()) continue;
    buffer_ += prefix;
    buffer_ += event;
    buffer_ += "}\n";
    ++count;
  }
  int rc = write_fully(fd_, buffer_);
  if (rc == 0 && sync && ::fdatasync(fd_) != 0) rc = errno;
  if (rc != 0) count = 0;
  return rc;
}

}  // namespace horolog
