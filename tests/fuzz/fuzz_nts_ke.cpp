// libFuzzer target for the NTS-KE record parser: whatever a key-exchange server sends, parsing
// ends with an answer or an error, and an accepted answer is exactly the records up to End of
// Message with at most eight cookies.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "normalizer/clock/nts_ke_records.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> input(data, size);
  const auto parsed = horolog::parse_nts_ke_answer(input);
  if (parsed) {
    if (horolog::nts_ke_answer_length(input) != size) std::abort();
    if (parsed->cookies.empty() || parsed->cookies.size() > horolog::kNtsMaxCookies) std::abort();
  }
  return 0;
}
