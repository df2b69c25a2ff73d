// libFuzzer target for a whole-file format (HOROLOG_FUZZ_FORMAT: evtx, winevent-xml,
// winevent-json, winevent-csv): any bytes as the whole file; every record it yields must encode
// to valid JSON, reader positions must only move forward within the input, and reading must end.
#include <cstdint>
#include <cstdlib>

#include "normalizer/zone.h"
#include "parsers/format_registry.h"
#include "tests/fuzz/checked_encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace horolog;
  // A zone with DST, so local times (CSV) also meet gaps and folds.
  static const Zone zone = Zone::find("America/New_York").value();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto reader = find_format(HOROLOG_FUZZ_FORMAT)->make_reader(input, 0, ParserOptions{});
  TimeResolver resolver(TimeResolverSettings{zone});
  EventBatch batch;
  ParseContext ctx{resolver, batch.arena, "fuzz-host"};
  std::uint64_t position = 0;
  for (std::size_t records = 0;; ++records) {
    Event& event = batch.next_event();
    if (!reader->next(event, ctx)) break;
    // Every record consumes input (EVTX records at least a header): more records than bytes
    // would mean a reader that stopped advancing.
    if (records > size || reader->position() < position || reader->position() > size) {
      std::abort();
    }
    position = reader->position();
    encode_or_abort(event);
  }
  return 0;
}
