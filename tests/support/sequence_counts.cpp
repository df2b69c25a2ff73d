// Each line parsed with simdjson; the number read after the first `seq=` of the message.
#include "tests/support/sequence_counts.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <charconv>
#include <string>

#include "tests/support/process.h"

namespace horolog::test {

void count_sequences(std::string_view text, std::map<long, int>& counts) {
  simdjson::dom::parser parser;
  for (std::string_view line : split_lines(text)) {
    simdjson::dom::element doc;
    std::string_view message;
    if (parser.parse(std::string(line)).get(doc) || doc["message"].get(message)) {
      ADD_FAILURE() << "bad output line: " << line;
      continue;
    }
    const auto at = message.find("seq=");
    if (at == std::string_view::npos) continue;
    long seq = 0;
    std::from_chars(message.data() + at + 4, message.data() + message.size(), seq);
    ++counts[seq];
  }
}

}  // namespace horolog::test
