// Per-event cost of time normalization: shape parsing, zone application with a cached offset
// interval, year inference, and RFC 3339 output. Corpus generated in setup from a fixed start.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "normalizer/ntp_time.h"
#include "normalizer/rfc3339_format.h"
#include "normalizer/strptime_format.h"
#include "normalizer/time_resolver.h"
#include "normalizer/timestamp_formats.h"

namespace horolog {
namespace {

constexpr std::size_t kCorpusSize = 4096;
// 2026-11-26T00:00:00Z: an ordinary day, far from DST transitions.
constexpr std::int64_t kStartSeconds = 1795651200;

SysNanos reference() { return SysNanos{std::chrono::seconds{kStartSeconds + 86400}}; }

// RFC 3164 stamps 7 seconds apart through one day: the same offset interval throughout.
std::vector<std::string> rfc3164_corpus() {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < kCorpusSize; ++i) {
    const std::size_t s = (i * 7) % 86400;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "Nov 26 %02zu:%02zu:%02zu", s / 3600, s / 60 % 60, s % 60);
    out.emplace_back(buffer);
  }
  return out;
}

std::vector<std::string> rfc3339_corpus() {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < kCorpusSize; ++i) {
    const std::size_t s = (i * 7) % 86400;
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "2026-11-26T%02zu:%02zu:%02zu.%06zu+01:00", s / 3600,
                  s / 60 % 60, s % 60, i * 131 % 1000000);
    out.emplace_back(buffer);
  }
  return out;
}

void set_counters(benchmark::State& state, const std::vector<std::string>& corpus) {
  std::size_t bytes = 0;
  for (const auto& s : corpus) bytes += s.size();
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes / corpus.size()));
}

// The whole per-event path of a year-less syslog stamp in a zone with DST.
void BM_Rfc3164ParseAndResolveBerlin(benchmark::State& state) {
  const auto corpus = rfc3164_corpus();
  TimeResolver resolver({Zone::find("Europe/Berlin").value(), reference()});
  Event event;
  std::size_t i = 0;
  for (auto _ : state) {
    CivilTime c;
    benchmark::DoNotOptimize(parse_rfc3164_time(corpus[i], c));
    benchmark::DoNotOptimize(resolver.resolve(c, event));
    benchmark::DoNotOptimize(event.timestamp);
    i = (i + 1) % kCorpusSize;
  }
  set_counters(state, corpus);
}
BENCHMARK(BM_Rfc3164ParseAndResolveBerlin);

// Resolution alone (zone from cache, year from the sequence), the stamp already parsed.
void BM_ResolveCachedZone(benchmark::State& state) {
  const auto corpus = rfc3164_corpus();
  std::vector<CivilTime> civil(kCorpusSize);
  for (std::size_t k = 0; k < kCorpusSize; ++k) parse_rfc3164_time(corpus[k], civil[k]);
  TimeResolver resolver(
      {Zone::find(state.range(0) == 0 ? "America/New_York" : "Pacific/Chatham").value(),
       reference()});
  Event event;
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(resolver.resolve(civil[i], event));
    benchmark::DoNotOptimize(event.timestamp);
    i = (i + 1) % kCorpusSize;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_ResolveCachedZone)->Arg(0)->Arg(1);

void BM_Rfc3339ParseAndResolveOffset(benchmark::State& state) {
  const auto corpus = rfc3339_corpus();
  TimeResolver resolver({Zone::find("Europe/Berlin").value(), reference()});
  Event event;
  std::size_t i = 0;
  for (auto _ : state) {
    CivilTime c;
    benchmark::DoNotOptimize(parse_rfc3339(corpus[i], c));
    benchmark::DoNotOptimize(resolver.resolve(c, event));
    benchmark::DoNotOptimize(event.timestamp);
    i = (i + 1) % kCorpusSize;
  }
  set_counters(state, corpus);
}
BENCHMARK(BM_Rfc3339ParseAndResolveOffset);

void BM_StrptimeParseAndResolve(benchmark::State& state) {
  const auto corpus = rfc3339_corpus();
  TimeFormat format = TimeFormat::compile("%Y-%m-%dT%H:%M:%S.%f%z").value();
  TimeResolver resolver({Zone::utc(), reference()});
  Event event;
  std::size_t i = 0;
  for (auto _ : state) {
    CivilTime c;
    benchmark::DoNotOptimize(format.parse(corpus[i], c));
    benchmark::DoNotOptimize(resolver.resolve(c, event));
    i = (i + 1) % kCorpusSize;
  }
  set_counters(state, corpus);
}
BENCHMARK(BM_StrptimeParseAndResolve);

void BM_MjdParseAndResolve(benchmark::State& state) {
  std::vector<std::string> corpus;
  for (std::size_t k = 0; k < kCorpusSize; ++k) {
    corpus.push_back("61370 " + std::to_string(k * 7 % 86400) + ".713");
  }
  TimeResolver resolver({Zone::utc(), reference()});
  Event event;
  std::size_t i = 0;
  for (auto _ : state) {
    UtcTime t;
    benchmark::DoNotOptimize(parse_mjd_time(corpus[i], t));
    resolver.resolve_utc(t, event);
    benchmark::DoNotOptimize(event.timestamp);
    i = (i + 1) % kCorpusSize;
  }
  set_counters(state, corpus);
}
BENCHMARK(BM_MjdParseAndResolve);

void BM_FormatRfc3339(benchmark::State& state) {
  const auto digits = static_cast<unsigned>(state.range(0));
  char buffer[kRfc3339MaxLength];
  std::int64_t ns = kStartSeconds * 1'000'000'000LL + 123456789;
  for (auto _ : state) {
    benchmark::DoNotOptimize(format_rfc3339_utc(SysNanos{Nanoseconds{ns}}, digits, buffer));
    ns += 7'000'000'001;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_FormatRfc3339)->Arg(0)->Arg(3)->Arg(9);

}  // namespace
}  // namespace horolog
