// Parses encoder output back with simdjson and checks what a JSON parser alone does not:
// one line per event, unique keys in every object, well-formed UTF-8.
#pragma once

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace horolog::test {

// `line` must end in its only '\n', be valid UTF-8 and parse as a JSON object whose objects
// have unique keys. On success `root` is the parsed object (valid while `parser` lives).
::testing::AssertionResult parse_json_line(simdjson::dom::parser& parser, std::string_view line,
                                           simdjson::dom::element& root);

// Same checks for an object without the trailing newline.
::testing::AssertionResult parse_json_object(simdjson::dom::parser& parser, std::string_view text,
                                             simdjson::dom::element& root);

// The string at a JSON pointer ("/host/name"), or a failure naming the pointer.
std::string string_at(simdjson::dom::element root, std::string_view pointer);
bool has_member(simdjson::dom::element root, std::string_view pointer);

// Values that are not objects (arrays count as one), at any depth.
std::size_t count_leaves(simdjson::dom::element element);

}  // namespace horolog::test
