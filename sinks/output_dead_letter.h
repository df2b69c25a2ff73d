// The file sink's dead-letter file: events whose output failed for good, one NDJSON object per
// event with the error, the output path and the event itself.
#pragma once

#include <string>
#include <string_view>

namespace horolog {

class OutputDeadLetter {
 public:
  explicit OutputDeadLetter(std::string path);
  ~OutputDeadLetter();
  OutputDeadLetter(const OutputDeadLetter&) = delete;
  OutputDeadLetter& operator=(const OutputDeadLetter&) = delete;

  // Appends {"@timestamp":now,"error":{"code":..,"reason":..},"file":{"path":..},"event":{..}}
  // for each line of `ndjson` (whole NDJSON lines), in one write, synced when `sync`. Returns 0
  // or an errno; `count` is the number of events written.
  int append(int err, std::string_view output_path, std::string_view ndjson, bool sync,
             std::size_t& count);
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
  std::string buffer_;  // reused for every append
};

}  // namespace horolog
