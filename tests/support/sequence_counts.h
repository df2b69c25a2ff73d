// Accounting for numbered test records in NDJSON output: tests write messages carrying
// `seq=N` and count how often each N came out, so that a loss or a duplicate shows.
#pragma once

#include <map>
#include <string_view>

namespace horolog::test {

// Adds to `counts` every `seq=N` found in the messages of the NDJSON lines of `text`; a line
// that is not a JSON object with a message fails the calling test.
void count_sequences(std::string_view text, std::map<long, int>& counts);

}  // namespace horolog::test
