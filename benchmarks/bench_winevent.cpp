// EVTX reading speed on one core: records/s and MB/s for decoding every record of a real file
// into Events (Binary XML, templates, substitutions, winlog.* mapping), as the agent does.
#include <benchmark/benchmark.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "normalizer/time_resolver.h"
#include "parsers/winevent/evtx_reader.h"

namespace horolog::winevent {
namespace {

std::vector<std::uint8_t> load(const char* relative) {
  std::ifstream in(std::string(HOROLOG_SHARED_DATA_DIR) + "/" + relative, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void read_evtx(benchmark::State& state, const char* relative) {
  const std::vector<std::uint8_t> file = load(relative);
  if (file.empty()) {
    state.SkipWithError("sample data not present");
    return;
  }
  StringArena arena;
  TimeResolver resolver{TimeResolverSettings{}};
  ParseContext ctx{resolver, arena, "collector"};
  Event event;
  std::uint64_t records = 0;
  for (auto _ : state) {
    EvtxReader reader(Bytes(file.data(), file.size()));
    for (;;) {
      event.reset();
      if (!reader.next(event, ctx)) break;
      benchmark::DoNotOptimize(event.fields.data());
      // A batch of events shares one arena; clear it as the pipeline does after each batch.
      if (++records % 512 == 0) arena.clear();
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(records));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * file.size()));
}

BENCHMARK_CAPTURE(read_evtx, security, "evtx/omerbenamram_security_bad_string_cache.evtx")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(read_evtx, system, "evtx/omerbenamram_system.evtx")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(read_evtx, sysmon, "evtx/omerbenamram_sysmon.evtx")->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace horolog::winevent
