// A sink's dead-letter file: events whose output refused them for good, one NDJSON object per
// event with the error, where the event was bound (a file, a topic) and the event itself.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace horolog {

// Where the events were bound, written as {"<object>":{"<member>":"<value>"}}: for example
// {"file":{"path":…}} or {"kafka":{"topic":…}}.
struct DeadLetterTarget {
  std::string_view object;
  std::string_view member;
  std::string_view value;
};

class DeadLetterFile {
 public:
  explicit DeadLetterFile(std::string path);
  ~DeadLetterFile();
  DeadLetterFile(const DeadLetterFile&) = delete;
  DeadLetterFile& operator=(const DeadLetterFile&) = delete;

  // Appends {"@timestamp":now,"error":{"code":…,"reason":…},<target>,"event":{…}} for each
  // NDJSON line of `events` (newline-separated, the last newline optional), in one write,
  // synced when `sync`. Returns 0 or an errno; `count` is the number of events written.
  int append(std::string_view code, std::string_view reason, const DeadLetterTarget& target,
             std::string_view events, bool sync, std::size_t& count);
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
  std::string buffer_;  // reused for every append
};

}  // namespace horolog
