// simdjson's DOM accepts duplicate keys, so uniqueness is checked here by walking the tree.
#include "tests/sinks_encoder/json_line_check.h"

#include <algorithm>
#include <vector>

namespace horolog::test {

namespace {

bool keys_unique(simdjson::dom::element element, std::string& duplicate) {
  if (element.is_array()) {
    for (simdjson::dom::element item : element.get_array()) {
      if (!keys_unique(item, duplicate)) return false;
    }
    return true;
  }
  if (!element.is_object()) return true;
  std::vector<std::string_view> keys;
  for (simdjson::dom::key_value_pair member : element.get_object()) {
    keys.push_back(member.key);
    if (!keys_unique(member.value, duplicate)) return false;
  }
  std::sort(keys.begin(), keys.end());
  const auto repeated = std::adjacent_find(keys.begin(), keys.end());
  if (repeated != keys.end()) {
    duplicate = *repeated;
    return false;
  }
  return true;
}

}  // namespace

::testing::AssertionResult parse_json_object(simdjson::dom::parser& parser, std::string_view text,
                                             simdjson::dom::element& root) {
  if (!simdjson::validate_utf8(text.data(), text.size())) {
    return ::testing::AssertionFailure() << "not valid UTF-8: " << text;
  }
  const simdjson::error_code error = parser.parse(text.data(), text.size()).get(root);
  if (error != simdjson::SUCCESS) {
    return ::testing::AssertionFailure() << simdjson::error_message(error) << ": " << text;
  }
  if (!root.is_object()) return ::testing::AssertionFailure() << "not an object: " << text;
  std::string duplicate;
  if (!keys_unique(root, duplicate)) {
    return ::testing::AssertionFailure() << "duplicate key \"" << duplicate << "\" in " << text;
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult parse_json_line(simdjson::dom::parser& parser, std::string_view line,
                                           simdjson::dom::element& root) {
  if (line.empty() || line.back() != '\n') {
    return ::testing::AssertionFailure() << "line does not end in a newline: " << line;
  }
  line.remove_suffix(1);
  if (line.find_first_of("\r\n") != std::string_view::npos) {
    return ::testing::AssertionFailure() << "raw CR or LF inside the line: " << line;
  }
  return parse_json_object(parser, line, root);
}

std::string string_at(simdjson::dom::element root, std::string_view pointer) {
  std::string_view value;
  const simdjson::error_code error = root.at_pointer(pointer).get(value);
  if (error != simdjson::SUCCESS) {
    ADD_FAILURE() << "no string at " << pointer << ": " << simdjson::error_message(error);
    return {};
  }
  return std::string(value);
}

bool has_member(simdjson::dom::element root, std::string_view pointer) {
  return root.at_pointer(pointer).error() == simdjson::SUCCESS;
}

std::size_t count_leaves(simdjson::dom::element element) {
  if (!element.is_object()) return 1;
  std::size_t count = 0;
  for (simdjson::dom::key_value_pair member : element.get_object()) {
    count += count_leaves(member.value);
  }
  return count;
}

}  // namespace horolog::test
