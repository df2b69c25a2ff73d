// Uses the agent's own pieces (its sources and read loop, the encoder, the file input and file sink
// as `run` builds them) so that the numbers are the agent's, not a re-implementation's.
#include "agent/commands/bench/bench_runner.h"

#include <atomic>
#include <chrono>
#include <ctime>

#include "agent/engine/input_runner.h"
#include "agent/engine/read_loop.h"
#include "agent/engine/sink_set.h"
#include "agent/engine/sources/source_factory.h"
#include "agent/engine/write_stage.h"
#include "agent/inputs/file/file_input_options.h"
#include "agent/inputs/input_types.h"
#include "sinks/file_sink_options.h"
#include "sinks/ndjson_encoder.h"

namespace horolog {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kHost = "bench-host";

double seconds_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// CPU time of the calling thread: the stages run on one thread, and on a shared machine its CPU
// time is what one core spends, whatever else is scheduled.
double thread_cpu_seconds() {
  timespec now{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// A synchronized NTP estimate as the clock monitor publishes it.
ClockEstimate bench_estimate() {
  ClockEstimate estimate;
  estimate.offset = std::chrono::microseconds(-312);
  estimate.error_bound = std::chrono::microseconds(150);
  estimate.measured_at = SysNanos{std::chrono::seconds(1'764'154'752)};
  estimate.source = ClockSource::ntp;
  estimate.synchronized = true;
  estimate.servers_used = 3;
  estimate.servers_agreeing = 3;
  estimate.servers_rejected = 1;
  return estimate;
}

// The bench's output: encodes each batch on the measuring thread and times only that, so the
// read loop's time without it is read + frame + parse + normalize.
class TimedEncoder final : public BatchOutput {
 public:
  explicit TimedEncoder(StageMeasurement& result) : result_(result) { context_.clock = &estimate_; }

  EventBatch& next_batch() override { return batch_; }
  void write(std::uint64_t, SinkSet::Completion) override {
    for (const Event& event : batch_) result_.parse_errors += event.has(EventFlag::parse_error);
    result_.events += batch_.size;
    const double start = thread_cpu_seconds();
    encoder_.encode_batch(batch_, context_, encoded_, storage_);
    result_.encode_seconds += thread_cpu_seconds() - start;
    result_.output_bytes += storage_.size();
  }
  void count_skipped(std::uint64_t) override {}

 private:
  StageMeasurement& result_;
  ClockEstimate estimate_ = bench_estimate();
  EncodeContext context_;
  NdjsonEncoder encoder_;
  std::string storage_;
  EncodedBatch encoded_;
  EventBatch batch_;
};

}  // namespace

Result<StageMeasurement> measure_stages(const FormatInfo& format, const ParserOptions& options,
                                        const std::string& input_path) {
  SourceOptions source_options;
  source_options.format = &format;
  source_options.parser = options;
  source_options.input_name = "bench";
  source_options.host = kHost;
  // Year inference is anchored to the file's mtime, as when replaying an archive (the default).
  Result<std::unique_ptr<RecordSource>> source = open_source(input_path, source_options);
  if (!source) return fail(source.error());
  StageMeasurement result;
  TimedEncoder encoder(result);
  ReadLoop loop(encoder);
  const std::atomic<bool> never{false};
  const double start = thread_cpu_seconds();
  if (Result<SourceStatus> read = loop.run(**source, never); !read) return fail(read.error());
  result.parse_seconds = thread_cpu_seconds() - start - result.encode_seconds;
  result.input_bytes = (*source)->bytes_read();
  return result;
}

Result<PipelineMeasurement> measure_pipeline(const FormatInfo& format, const ParserOptions& options,
                                             const std::string& input_path,
                                             const std::string& output_dir) {
  std::atomic<bool> stop{false};
  SinkSet sinks;
  FileSinkOptions sink_options;
  sink_options.path = output_dir + "/{input}.ndjson";
  if (Result<void> built =
          sinks.add_all({SinkConfig{"bench", "file", sink_options}},
                        {.ack = {}, .stopping = &stop, .state_dir = output_dir, .one_shot = true});
      !built) {
    return fail(built.error());
  }
  RunStats stats;
  InputConfig config;
  config.name = "bench";
  config.type = "file";
  config.format = std::string(format.name);
  config.parser = options;
  FileInputOptions input_options;
  input_options.paths = {input_path};
  config.settings = input_options;
  InputEnvironment env{Zone::utc(), std::string(kHost), stats};
  const auto start = Clock::now();
  {
    Result<std::unique_ptr<Input>> input = build_input(config, env);
    if (!input) return fail(input.error());
    // As `run` reads a busy file: one worker, which writes through a stage on a second thread.
    InputRunner runner(
        {input->get()},
        [&] {
          return std::unique_ptr<BatchOutput>(
              std::make_unique<WriteStage>(sinks, stats, config.format, FieldSelection{}, nullptr));
        },
        1);
    runner.run(/*once=*/true, stop);
  }
  sinks.flush();
  PipelineMeasurement result;
  result.seconds = seconds_between(start, Clock::now());
  const SinkCounters& counters = sinks.sinks().front()->counters();
  result.events = counters.events;
  result.output_bytes = counters.bytes;
  return result;
}

}  // namespace horolog
