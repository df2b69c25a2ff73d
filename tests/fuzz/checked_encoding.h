// What every fuzz target checks of each event it gets: that it encodes to valid JSON. On failure
// the line is printed, so the crash report alone says what the encoder got wrong.
#pragma once

#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "normalizer/event.h"
#include "sinks/ndjson_encoder.h"

namespace horolog {

inline void encode_or_abort(const Event& event) {
  static simdjson::dom::parser json;
  static NdjsonEncoder encoder;
  static std::string line;
  line.clear();
  encoder.encode(event, EncodeContext{}, line);
  simdjson::dom::element doc;
  if (json.parse(line).get(doc) != simdjson::SUCCESS) {
    std::fprintf(stderr, "not valid JSON: %s\n", line.c_str());
    std::abort();
  }
}

}  // namespace horolog
