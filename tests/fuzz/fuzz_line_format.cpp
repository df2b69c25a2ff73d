// libFuzzer target for one line format (HOROLOG_FUZZ_FORMAT, fixed at build time): the input is
// framed into records, each parsed and encoded. Aborts when a record vanishes without being
// skipped on purpose, or when an output line is not valid JSON.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "parsers/format_registry.h"
#include "parsers/framer.h"
#include "tests/fuzz/checked_encoding.h"

namespace {

horolog::ParserOptions fuzz_options() {
  horolog::ParserOptions options;
  options.pattern = R"(^(?P<time>\S+) (?P<host>\S+) (?P<message>.*)$)";  // for `regex`
  options.time_key = "time";
  options.message_key = "msg";
  options.time_format = {"%Y-%m-%dT%H:%M:%S%z", "%s"};
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace horolog;
  static const FormatInfo* format = find_format(HOROLOG_FUZZ_FORMAT);
  if (format == nullptr) std::abort();
  auto parser = format->make(fuzz_options()).value();
  TimeResolver resolver(TimeResolverSettings{Zone::find("Europe/Berlin").value(),
                                             SysNanos(std::chrono::seconds(1764158400))});
  EventBatch batch;
  batch.bytes.assign(reinterpret_cast<const char*>(data), size);
  Framer framer(4096);
  FramedRecord record;
  std::size_t pos = 0;
  ParseContext ctx{resolver, batch.arena, "fuzz-host"};
  while (framer.next(batch.bytes, pos, record, /*end_of_input=*/true)) {
    Event& event = batch.next_event();
    if (parser->parse(record.text, ctx, event) == ParseStatus::skipped) batch.discard_last();
  }
  for (const Event& event : batch) encode_or_abort(event);
  return 0;
}
