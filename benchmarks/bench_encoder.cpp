// NDJSON encoder throughput: events/s and output bytes/s for a typical syslog event with a
// clock estimate, and the JSON string writer alone against simdjson's UTF-8 validator.
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <chrono>
#include <string>
#include <vector>

#include "sinks/json_string.h"
#include "sinks/ndjson_encoder.h"

namespace horolog {
namespace {

using namespace std::chrono;

constexpr std::string_view kSyslogMessage =
    "Accepted publickey for alice from 10.0.0.5 port 51234 ssh2: RSA SHA256:Xq3Z0b8hT9kVfZ1sL0pQ";
// The same length class with accents, CJK and an emoji, the non-ASCII path of the writer.
constexpr std::string_view kUnicodeMessage =
    "Zeit\xc3\xa4nderung \xe2\x80\x94 syst\xc3\xa8me horloge ajust\xc3\xa9"
    "e; "
    "\xe6\x99\x82\xe5\x88\xbb\xe5\x90\x8c\xe6\x9c\x9f emoji \xf0\x9f\x95\x92; Stra\xc3\x9f"
    "e";
// Windows event text: tabs and quotes that must be escaped.
constexpr std::string_view kEscapedMessage =
    "An account was successfully logged on.\tSubject:\t\"S-1-5-18\"\tLogon Type:\t3\t"
    "Process Name:\t\"C:\\Windows\\System32\\lsass.exe\"";

Event syslog_event() {
  Event event;
  event.timestamp = SysNanos{sys_days{year{2026} / 11 / 26}} + 11h + 1s;
  event.precision_digits = 0;
  event.time_original = "Nov 26 12:00:01";
  event.time_zone = "Europe/Berlin";
  event.time_flags.set(TimeFlag::year_inferred);
  event.time_flags.set(TimeFlag::zone_assumed);
  event.stamped_by_host_clock = true;
  event.created = event.timestamp + 734'912us;
  event.host = "web1";
  event.app = "sshd";
  event.pid = 1234;
  event.facility = 4;
  event.severity = 6;
  event.message = kSyslogMessage;
  event.dataset = "syslog.rfc3164";
  event.source_path = "/var/log/auth.log";
  event.input_name = "system";
  event.offset = 12345;
  return event;
}

ClockEstimate ntp_estimate() {
  ClockEstimate clock;
  clock.offset = -312us;
  clock.error_bound = 150us;
  clock.measured_at = SysNanos{sys_days{year{2026} / 11 / 26}} + 10h + 59min + 12s;
  clock.source = ClockSource::ntp;
  clock.synchronized = true;
  clock.servers_used = 3;
  clock.servers_agreeing = 3;
  return clock;
}

void BM_EncodeSyslogEvent(benchmark::State& state) {
  const Event event = syslog_event();
  const ClockEstimate clock = ntp_estimate();
  NdjsonEncoder encoder;
  std::string out;
  std::size_t bytes = 0;
  for (auto _ : state) {
    out.clear();
    encoder.encode(event, EncodeContext{&clock}, out);
    bytes += out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_EncodeSyslogEvent);

// A syslog event plus the extras a structured source adds (nested and merged keys).
void BM_EncodeEventWithExtras(benchmark::State& state) {
  Event event = syslog_event();
  event.add("host.ip", FieldValue::string("10.0.0.5"));
  event.add("source.ip", FieldValue::string("10.0.0.7"));
  event.add("source.port", FieldValue::uint64(51234));
  event.add("user.name", FieldValue::string("alice"));
  event.add("ssh.key.type", FieldValue::string("RSA"));
  event.add("ssh.key.fingerprint", FieldValue::string("SHA256:Xq3Z0b8hT9kVfZ1sL0pQ"));
  const ClockEstimate clock = ntp_estimate();
  NdjsonEncoder encoder;
  std::string out;
  std::size_t bytes = 0;
  for (auto _ : state) {
    out.clear();
    encoder.encode(event, EncodeContext{&clock}, out);
    bytes += out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_EncodeEventWithExtras);

void BM_EncodeBatch(benchmark::State& state) {
  EventBatch batch;
  for (int i = 0; i < 1024; ++i) {
    Event& event = batch.next_event();
    event = syslog_event();
    event.offset = static_cast<std::uint64_t>(i) * 120;
    event.timestamp += seconds{i};
  }
  const ClockEstimate clock = ntp_estimate();
  NdjsonEncoder encoder;
  EncodedBatch encoded;
  std::string storage;
  for (auto _ : state) {
    encoder.encode_batch(batch, EncodeContext{&clock}, encoded, storage);
    benchmark::DoNotOptimize(encoded.ndjson.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch.size));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * storage.size()));
}
BENCHMARK(BM_EncodeBatch);

// String writer alone; bytes are input bytes. arg 0: ASCII, 1: non-ASCII, 2: escapes.
void BM_AppendJsonString(benchmark::State& state) {
  const std::string_view kTexts[] = {kSyslogMessage, kUnicodeMessage, kEscapedMessage};
  const std::string_view text = kTexts[state.range(0)];
  std::string out;
  for (auto _ : state) {
    out.clear();
    append_json_string(out, text);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_AppendJsonString)->Arg(0)->Arg(1)->Arg(2);

// Whole-string validation alternatives on a 4 KiB message: ours (word-at-a-time ASCII skip)
// and simdjson's SIMD validator.
std::string long_message() {
  std::string text;
  while (text.size() < 4096) {
    text.append(kSyslogMessage);
    text.append(kUnicodeMessage);
  }
  return text;
}

void BM_ValidateUtf8Own(benchmark::State& state) {
  const std::string text = long_message();
  for (auto _ : state) benchmark::DoNotOptimize(is_valid_utf8(text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ValidateUtf8Own);

void BM_ValidateUtf8Simdjson(benchmark::State& state) {
  const std::string text = long_message();
  for (auto _ : state) benchmark::DoNotOptimize(simdjson::validate_utf8(text.data(), text.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ValidateUtf8Simdjson);

void BM_AppendJsonStringLong(benchmark::State& state) {
  const std::string text = long_message();
  std::string out;
  for (auto _ : state) {
    out.clear();
    append_json_string(out, text);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_AppendJsonStringLong);

}  // namespace
}  // namespace horolog
