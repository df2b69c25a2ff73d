// libFuzzer target for a whole-file format (HOROLOG_FUZZ_FORMAT: evtx, winevent-xml): any bytes as
// the whole file; every record it yields must encode to valid JSON, and reading must end.
#include <simdjson.h>

#include <cstdint>
#include <cstdlib>

#include "parsers/winevent/winevent_readers.h"
#include "sinks/ndjson_encoder.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace horolog;
  static simdjson::dom::parser json;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto reader = winevent::make_record_reader(HOROLOG_FUZZ_FORMAT, input);
  TimeResolver resolver(TimeResolverSettings{});
  EventBatch batch;
  ParseContext ctx{resolver, batch.arena, "fuzz-host"};
  NdjsonEncoder encoder;
  std::string line;
  for (;;) {
    Event& event = batch.next_event();
    if (!reader->next(event, ctx)) break;
    line.clear();
    encoder.encode(event, EncodeContext{}, line);
    simdjson::dom::element doc;
    if (json.parse(line).get(doc) != simdjson::SUCCESS) std::abort();
  }
  return 0;
}
