// Reads a topic back from the beginning with a librdkafka consumer (every partition), so tests
// can check what the agent produced: each message goes to a callback.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace horolog::test {

struct ConsumedMessage {
  std::string_view key;
  std::string_view value;
  std::map<std::string, std::string> headers;  // filled only when asked for
  std::int32_t partition = 0;
};

struct ReadOptions {
  bool with_headers = false;
  // Stop once this many messages were read (0: no limit).
  std::uint64_t expected = 0;
  // Stop when no message arrived for this long.
  std::chrono::milliseconds idle_timeout{3000};
  // When set and true after a message, read on only until the topic is quiet for `settle`
  // (late duplicates are still counted, without waiting the whole idle timeout).
  std::function<bool()> done;
  std::chrono::milliseconds settle{1000};
};

// Returns how many messages were read.
std::uint64_t read_topic(const std::string& brokers, const std::string& topic,
                         const ReadOptions& options,
                         const std::function<void(const ConsumedMessage&)>& on_message);

}  // namespace horolog::test
