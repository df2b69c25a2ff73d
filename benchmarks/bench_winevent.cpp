// Windows event reading speed on one core: records/s and MB/s for turning every record of a real
// file into Events, as the agent does: EVTX (Binary XML, templates, substitutions), and the XML,
// JSON and CSV exports (simdjson On Demand, RFC 4180 rows, local time), all mapped to winlog.*.
#include <benchmark/benchmark.h>

#include <fstream>
#include <iterator>
#include <string>

#include "normalizer/time_resolver.h"
#include "normalizer/zone.h"
#include "parsers/format_registry.h"

namespace horolog::winevent {
namespace {

std::string load(const char* relative) {
  std::ifstream in(std::string(HOROLOG_SHARED_DATA_DIR) + "/" + relative, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void read_records(benchmark::State& state, const char* format, const char* relative,
                  const char* zone) {
  const std::string file = load(relative);
  if (file.empty()) {
    state.SkipWithError("sample data not present");
    return;
  }
  StringArena arena;
  TimeResolver resolver{TimeResolverSettings{Zone::find(zone).value()}};
  ParseContext ctx{resolver, arena, "collector"};
  Event event;
  std::uint64_t records = 0;
  for (auto _ : state) {
    auto reader = find_format(format)->make_reader(file, 0, ParserOptions{});
    resolver.reset_sequence();
    for (;;) {
      event.reset();
      if (!reader->next(event, ctx)) break;
      benchmark::DoNotOptimize(event.fields.data());
      // A batch of events shares one arena; clear it as the pipeline does after each batch.
      if (++records % 512 == 0) arena.clear();
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(records));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * file.size()));
}

BENCHMARK_CAPTURE(read_records, evtx_security, "evtx",
                  "evtx/omerbenamram_security_bad_string_cache.evtx", "UTC")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(read_records, evtx_system, "evtx", "evtx/omerbenamram_system.evtx", "UTC")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(read_records, evtx_sysmon, "evtx", "evtx/omerbenamram_sysmon.evtx", "UTC")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(read_records, xml_wevtutil, "winevent-xml",
                  "winevent-xml/handwritten_wevtutil_qe_xml.xml", "UTC");
BENCHMARK_CAPTURE(read_records, json_ps51, "winevent-json",
                  "winevent-json/handwritten_ps51_get-winevent_convertto-json.json", "UTC");
BENCHMARK_CAPTURE(read_records, json_winlogbeat, "winevent-json",
                  "winevent-json/handwritten_winlogbeat.ndjson", "UTC");
BENCHMARK_CAPTURE(
    read_records, json_nxlog, "winevent-json",
    "winevent-json/"
    "otrf_covenant_dcsync_dcerpc_drsuapi_DsGetNCChanges_2020-08-05020926.head1000.ndjson",
    "UTC")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(read_records, json_otrf, "winevent-json",
                  "winevent-json/otrf_psh_mavinject_dll_notepad_2020-10-2121410529.head1000.ndjson",
                  "UTC")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(read_records, csv_en_us, "winevent-csv",
                  "winevent-csv/handwritten_eventviewer_en-US.csv", "America/New_York");

}  // namespace
}  // namespace horolog::winevent
