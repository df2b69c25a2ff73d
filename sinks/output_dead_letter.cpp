// Appends with O_APPEND, one write per failed output: the dead-lettered events are in the file
// before their batch counts as delivered (synced too when the sink syncs its outputs).
#include "sinks/output_dead_letter.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "normalizer/rfc3339_format.h"
#include "sinks/json_string.h"
#include "sinks/write_fully.h"

namespace horolog {

OutputDeadLetter::OutputDeadLetter(std::string path) : path_(std::move(path)) {}

OutputDeadLetter::~OutputDeadLetter() {
  if (fd_ >= 0) ::close(fd_);
}

int OutputDeadLetter::append(int err, std::string_view output_path, std::string_view ndjson,
                             bool sync, std::size_t& count) {
  count = 0;
  if (fd_ < 0) {
    // Opened on first use: a sink whose outputs never fail for good creates no file.
    std::error_code ec;
    const std::filesystem::path parent = std::filesystem::path(path_).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) return errno;
  }
  buffer_.clear();
  std::string prefix = "{\"@timestamp\":\"";
  append_rfc3339_utc(
      prefix,
      std::chrono::time_point_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now()), 6);
  prefix += "\",\"error\":{\"code\":";
  const char* name = strerrorname_np(err);
  append_json_string(prefix, name != nullptr ? name : std::to_string(err));
  prefix += ",\"reason\":";
  append_json_string(prefix, std::strerror(err));
  prefix += "},\"file\":{\"path\":";
  append_json_string(prefix, output_path);
  prefix += "},\"event\":";
  while (!ndjson.empty()) {
    const std::size_t end = ndjson.find('\n');
    const std::string_view event = ndjson.substr(0, end);
    ndjson.remove_prefix(end == std::string_view::npos ? ndjson.size() : end + 1);
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
