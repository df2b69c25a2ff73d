// Appends with O_APPEND and fdatasync: a dead-lettered event must be on disk before its batch
// counts as delivered (the checkpoint moves past it).
#include "sinks/kafka/dead_letter_file.h"

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

int DeadLetterFile::append(std::string_view error_code, std::string_view reason,
                           std::string_view topic, std::string_view event_json) {
  if (fd_ < 0) {
    // Opened on first use: a sink that never meets a permanent error creates no file.
    std::error_code ec;
    const std::filesystem::path parent = std::filesystem::path(path_).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) return errno;
  }
  line_.clear();
  line_ += "{\"@timestamp\":\"";
  append_rfc3339_utc(
      line_,
      std::chrono::time_point_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now()), 6);
  line_ += "\",\"error\":{\"code\":";
  append_json_string(line_, error_code);
  line_ += ",\"reason\":";
  append_json_string(line_, reason);
  line_ += "},\"kafka\":{\"topic\":";
  append_json_string(line_, topic);
  line_ += "},\"event\":";
  line_ += event_json;
  line_ += "}\n";
  if (const int rc = write_fully(fd_, line_); rc != 0) return rc;
  return ::fdatasync(fd_) == 0 ? 0 : errno;
}

}  // namespace horolog
