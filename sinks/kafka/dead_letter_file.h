// The Kafka sink's dead-letter file: events the cluster refused for good, one NDJSON object per
// event with the error, the topic and the event itself, synced before the batch is acknowledged.
#pragma once

#include <string>
#include <string_view>

namespace horolog {

class DeadLetterFile {
 public:
  explicit DeadLetterFile(std::string path);
  ~DeadLetterFile();
  DeadLetterFile(const DeadLetterFile&) = delete;
  DeadLetterFile& operator=(const DeadLetterFile&) = delete;

  // Appends {"@timestamp":now,"error":{"code":..,"reason":..},"kafka":{"topic":..},"event":{..}}.
  // `event_json` is the event's NDJSON line without its newline. Returns 0 or an errno.
  int append(std::string_view error_code, std::string_view reason, std::string_view topic,
             std::string_view event_json);
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
  std::string line_;  // reused for every record
};

}  // namespace horolog
