// Parser throughput per format (frame + parse + time normalization on one core), over the real
// samples repeated in memory: bytes/s and events/s.
#include <benchmark/benchmark.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include "normalizer/event.h"
#include "normalizer/string_arena.h"
#include "normalizer/time_resolver.h"
#include "parsers/format_registry.h"
#include "parsers/framer.h"

namespace horolog {
namespace {

constexpr std::size_t kCorpusBytes = 8u << 20;  // big enough to leave the caches

std::string load_corpus(const char* relative) {
  std::ifstream in(std::string(HOROLOG_SHARED_DATA_DIR) + "/" + relative, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string sample = buffer.str();
  if (sample.empty()) return {};
  std::string corpus;
  corpus.reserve(kCorpusBytes + sample.size());
  while (corpus.size() < kCorpusBytes) {
    corpus += sample;
    if (corpus.back() != '\n') corpus += '\n';
  }
  return corpus;
}

void bench_format(benchmark::State& state, const char* format_name, const char* sample) {
  const std::string corpus = load_corpus(sample);
  const FormatInfo* format = find_format(format_name);
  if (corpus.empty() || format == nullptr) {
    state.SkipWithError("sample or format missing");
    return;
  }
  const auto parser = format->make(ParserOptions{}).value();
  using namespace std::chrono;
  const SysNanos reference{sys_days{year{2026} / 11 / 30}};
  TimeResolver time(TimeResolverSettings{Zone::find("Europe/Berlin").value(), reference});
  StringArena arena;
  ParseContext ctx{time, arena, "bench-host"};
  Event event;
  std::size_t events = 0;
  for (auto _ : state) {
    Framer framer;
    FramedRecord record;
    arena.clear();
    for (std::size_t pos = 0; framer.next(corpus, pos, record, true);) {
      event.reset();
      event.created = reference;
      benchmark::DoNotOptimize(parser->parse(record.text, ctx, event));
      benchmark::DoNotOptimize(event.timestamp);
      ++events;
      if ((events & 4095) == 0) arena.clear();  // a batch's worth of derived strings
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * corpus.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
}

BENCHMARK_CAPTURE(bench_format, rfc3164, "rfc3164", "syslog-3164/loghub_Linux_2k.log")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bench_format, rfc5424, "rfc5424",
                  "syslog-5424/rsyslog_SyslogProtocol23Format.log")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bench_format, syslog_high_precision, "syslog",
                  "syslog-5424/rsyslog_FileFormat.log")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bench_format, json, "json", "winevent-json/handwritten_winlogbeat.ndjson")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bench_format, ntp_loopstats, "ntp-loopstats",
                  "ntp/pfsense_ntpd_loopstats.head3000")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bench_format, ntp_peerstats, "ntp-peerstats",
                  "ntp/pfsense_ntpd_peerstats.head3000")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bench_format, chrony_measurements, "chrony-measurements",
                  "ntp/chrony_measurements.log")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bench_format, chrony_tracking, "chrony-tracking",
                  "ntp/chrony_tracking.log.head3000")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bench_format, ntpd_log, "ntpd", "ntp/ntpsec_ntp.log")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bench_format, auto_rfc3164, "auto", "syslog-3164/loghub_Linux_2k.log")
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace horolog
