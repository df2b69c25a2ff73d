// Uses the agent's own pieces (LineSource, WholeFileSource, NdjsonEncoder, FileInput, FileSink)
// so that the numbers are the agent's, not a re-implementation's.
#include "agent/commands/bench/bench_runner.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include "agent/inputs/file/file_input.h"
#include "agent/engine/sources/line_source.h"
#include "agent/engine/sink_set.h"
#include "agent/engine/sources/whole_file_source.h"
#include "sinks/file_sink.h"
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
  estimate.servers_rejected = 1;
  return estimate;
}

class FileDescriptor {
 public:
  explicit FileDescriptor(const std::string& path)
      : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd_ < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  }
  ~FileDescriptor() { ::close(fd_); }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const noexcept { return fd_; }

 private:
  int fd_;
};

// The encode half of a stage measurement, shared by both framings.
class TimedEncoder {
 public:
  explicit TimedEncoder(StageMeasurement& result) : result_(result) { context_.clock = &estimate_; }

  void encode(const EventBatch& batch) {
    for (const Event& event : batch) result_.parse_errors += event.has(EventFlag::parse_error);
    result_.events += batch.size;
    const double start = thread_cpu_seconds();
    encoder_.encode_batch(batch, context_, encoded_, storage_);
    result_.encode_seconds += thread_cpu_seconds() - start;
    result_.output_bytes += storage_.size();
  }

 private:
  StageMeasurement& result_;
  ClockEstimate estimate_ = bench_estimate();
  EncodeContext context_;
  NdjsonEncoder encoder_;
  std::string storage_;
  EncodedBatch encoded_;
};

TimeResolverSettings bench_time(int fd) {
  struct stat info {};
  ::fstat(fd, &info);
  // Year inference is anchored to the file's mtime, as when replaying an archive.
  return {Zone::utc(), SysNanos{std::chrono::seconds(info.st_mtim.tv_sec)}};
}

}  // namespace

StageMeasurement measure_stages(const FormatInfo& format, const ParserOptions& options,
                                const std::string& input_path) {
  StageMeasurement result;
  TimedEncoder encoder(result);
  const FileDescriptor fd(input_path);
  const TimeResolverSettings time = bench_time(fd.get());
  if (format.framing == RecordFraming::whole_file) {
    WholeFileSource source({input_path, "bench", std::string(format.name), std::string(kHost)},
                           time, 0);
    // The reader parses inside read(); the encoder's share is taken out of its total below.
    const double encode_before = result.encode_seconds;
    const double start = thread_cpu_seconds();
    const bool read = source.read(
        fd.get(), [&](const EventBatch& batch, std::uint64_t) { encoder.encode(batch); });
    if (!read) {
      throw std::runtime_error("cannot read " + input_path + ": " +
                               std::strerror(source.last_errno()));
    }
    result.parse_seconds = thread_cpu_seconds() - start - (result.encode_seconds - encode_before);
    result.input_bytes = static_cast<std::uint64_t>(::lseek(fd.get(), 0, SEEK_END));
    return result;
  }
  LineSourceSettings settings{input_path, "bench", std::string(format.dataset), std::string(kHost)};
  LineSource source(std::move(settings), format.make(options), time, fd.get(), 0);
  EventBatch batch;
  for (;;) {
    const double start = thread_cpu_seconds();
    const LineSource::Read read = source.read_batch(batch, /*final=*/true);
    result.parse_seconds += thread_cpu_seconds() - start;
    if (read == LineSource::Read::error) {
      throw std::runtime_error("cannot read " + input_path + ": " +
                               std::strerror(source.last_errno()));
    }
    if (read == LineSource::Read::end_of_data) break;
    encoder.encode(batch);
  }
  result.input_bytes = source.position();
  return result;
}

PipelineMeasurement measure_pipeline(const FormatInfo& format, const ParserOptions& options,
                                     const std::string& input_path, const std::string& output_dir) {
  const std::string output_path = output_dir + "/{input}.ndjson";
  std::atomic<bool> stop{false};
  SinkSet sinks;
  FileSinkOptions sink_options;
  sink_options.path = output_path;
  sinks.add("bench", std::make_unique<FileSink>(sink_options, sinks.ack_callback(), &stop));
  RunStats stats;

  InputConfig config;
  config.name = "bench";
  config.type = "file";
  config.format = std::string(format.name);
  config.parser = options;
  FileInputOptions input_options;
  input_options.paths = {input_path};
  InputEnvironment env{Zone::utc(), std::string(kHost), nullptr};
  const auto start = Clock::now();
  {
    FileInput input(config, input_options, std::move(env), sinks, stats);
    input.run(/*once=*/true, stop);
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
