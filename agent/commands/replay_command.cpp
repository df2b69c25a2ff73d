// Checks every argument and file before the first line is written, then reads the files in
// replay order, one at a time, through the read loop into one writer.
#include "agent/commands/replay_command.h"

#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <iostream>
#include <memory>

#include "agent/commands/replay/clock_history.h"
#include "agent/commands/replay/replay_order.h"
#include "agent/commands/replay/replay_progress.h"
#include "agent/commands/replay/replay_writer.h"
#include "agent/config/agent_config.h"
#include "agent/config/host_name.h"
#include "agent/engine/read_loop.h"
#include "agent/engine/sources/source_factory.h"
#include "normalizer/rfc3339_format.h"
#include "parsers/format_registry.h"
#include "sinks/stdout_sink.h"

namespace horolog {

namespace {

std::atomic<bool> g_replay_stop{false};

extern "C" void on_replay_stop(int) { g_replay_stop = true; }

// What one file contributed, for progress and the summary.
struct FileProgress {
  std::uint64_t bytes_read = 0;
  std::uint64_t bytes_decoded = 0;
};

// Everything replay reads a file with, besides the file.
struct ReplayContext {
  SourceOptions source;  // the reference time is each file's own
  ReplayWriter& writer;
  RunStats& stats;
  ProgressBar& progress;
  std::uint64_t bytes_total = 0;
  std::uint64_t bytes_before = 0;  // of the files already read
  const std::atomic<bool>* stdout_closed;
};

bool stopping(const ReplayContext& context) {
  return g_replay_stop || (context.stdout_closed != nullptr && *context.stdout_closed);
}

Result<void> replay_file(const ReplayFile& file, ReplayContext& context, FileProgress& done) {
  SourceOptions options = context.source;
  options.reference = file.reference;
  Result<std::unique_ptr<RecordSource>> opened = open_source(file.path, options);
  if (!opened) return fail(opened.error());
  RecordSource& source = **opened;
  const std::string format(source.format().name);
  context.writer.set_format(format);
  context.stats.count_file(format);
  ReadLoop loop(context.writer);
  while (!stopping(context)) {
    const Result<SourceStatus> status = loop.step(source);
    done.bytes_read = source.stored_bytes_read();
    done.bytes_decoded = source.bytes_read();
    if (!status) return fail(status.error());
    if (*status != SourceStatus::batch) break;
    context.progress.update(context.bytes_before + done.bytes_read, context.bytes_total,
                            context.writer.counters().events);
  }
  if (!stopping(context)) done.bytes_read = file.size;
  return {};
}

// The files to replay with their mtimes and sizes, in replay order.
Result<std::vector<ReplayFile>> stat_files(const std::vector<std::string>& paths,
                                           std::uint64_t& total) {
  std::vector<ReplayFile> files;
  for (const std::string& path : paths) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      return fail(Error::from_errno(errno, "cannot replay " + path));
    }
    if (!S_ISREG(st.st_mode)) {
      return fail(ErrorCode::unsupported, "cannot replay " + path + ": not a regular file");
    }
    const auto size = static_cast<std::uint64_t>(st.st_size);
    total += size;
    files.push_back(
        {path,
         SysNanos(std::chrono::seconds(st.st_mtim.tv_sec) + Nanoseconds(st.st_mtim.tv_nsec)),
         {},
         size});
  }
  return order_replay_files(std::move(files));
}

// What to replay into: the config's sinks, or standard output without a config.
std::vector<SinkConfig> replay_sinks(const std::optional<AgentConfig>& config) {
  if (config) return config->sinks;
  return {SinkConfig{"stdout", "stdout", StdoutSinkOptions{}}};
}

void print_history(const ClockHistory& history) {
  char first[kRfc3339MaxLength], last[kRfc3339MaxLength];
  const OffsetTimeline& timeline = history.timeline;
  std::cerr << "horolog replay: clock history: " << timeline.size() << " samples ("
            << history.loopstats_samples << " loopstats, " << history.tracking_samples
            << " tracking.log, " << history.ignored_lines << " lines ignored) from "
            << std::string_view(first, format_rfc3339_utc(timeline.first(), 0, first)) << " to "
            << std::string_view(last, format_rfc3339_utc(timeline.last(), 0, last)) << "\n";
}

}  // namespace

Result<int> replay_command(const ReplayCommandOptions& options) {
  SourceOptions source;
  source.format = find_format(options.format);
  if (source.format == nullptr) {
    return fail(ErrorCode::invalid_argument, "unknown format '" + options.format + "'");
  }
  std::optional<AgentConfig> config;
  if (!options.config.empty()) {
    Result<AgentConfig> loaded = load_config_file(options.config);
    if (!loaded) return fail(loaded.error());
    config = std::move(*loaded);
  }
  std::string zone_name = options.timezone;
  if (zone_name.empty()) zone_name = config ? config->timezone : "local";
  Result<Zone> zone = Zone::find(zone_name);
  if (!zone) return fail(ErrorCode::invalid_argument, "--timezone: " + zone.error().message());
  source.zone = *zone;
  std::optional<ClockHistory> history;
  if (!options.clock_history.empty()) {
    Result<ClockHistory> loaded = load_clock_history(options.clock_history);
    if (!loaded) return fail(ErrorCode::invalid_argument, loaded.error().message());
    history = std::move(*loaded);
  }
  if (options.paths.empty()) return fail(ErrorCode::invalid_argument, "no files to replay");
  std::uint64_t bytes_total = 0;
  Result<std::vector<ReplayFile>> files = stat_files(options.paths, bytes_total);
  if (!files) return fail(files.error());

  std::atomic<bool> stdout_closed{false};
  SinkSet sinks;
  if (Result<void> built =
          sinks.add_all(replay_sinks(config), {.ack = {},
                                               .stopping = &g_replay_stop,
                                               .output_closed = &stdout_closed,
                                               .state_dir = config ? config->data_dir : "",
                                               .one_shot = true});
      !built) {
    return fail(built.error().within("cannot start"));
  }
  struct sigaction action {};
  action.sa_handler = on_replay_stop;
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);

  const auto started = std::chrono::steady_clock::now();
  const Pacer pacer = options.rate > 0    ? Pacer::at_rate(options.rate)
                      : options.speed > 0 ? Pacer::at_speed(options.speed)
                                          : Pacer::unpaced();
  RunStats stats;
  ReplayWriter writer(sinks, stats, history ? &history->timeline : nullptr, pacer, g_replay_stop,
                      FieldSelection(options.include_fields, options.exclude_fields));
  ProgressBar progress(::isatty(2) == 1);
  source.input_name = "replay";
  source.host = !options.host.empty() ? options.host
                : config              ? resolve_host_name(config->host_name)
                                      : resolve_host_name("auto");
  if (history) print_history(*history);
  if (history && options.host.empty()) {
    // Records that name another host were stamped by that host's clock, not the one the
    // history describes: they are not corrected. Say so before the user wonders why.
    std::cerr << "horolog replay: note: without --host, only records naming " << source.host
              << " (or no host) are corrected with the clock history\n";
  }
  ReplayContext context{source, writer, stats, progress, bytes_total, 0, &stdout_closed};

  int exit_code = 0;
  ReplayTotals totals;
  for (const ReplayFile& file : *files) {
    if (stopping(context)) break;
    FileProgress done;
    const Result<void> replayed = replay_file(file, context, done);
    if (!replayed) {
      progress.clear();
      // An option no file can be read with (a regex format without a pattern) ends the replay.
      if (replayed.error().code() == ErrorCode::invalid_config) {
        return fail(ErrorCode::invalid_argument, replayed.error().message());
      }
      std::cerr << "horolog replay: " << replayed.error().message() << "\n";
      exit_code = 1;
    }
    ++totals.files;
    totals.bytes_read += done.bytes_read;
    totals.bytes_decoded += done.bytes_decoded;
    context.bytes_before += done.bytes_read;
  }
  sinks.flush();
  progress.clear();
  // Replay keeps no checkpoints: an event a sink did not take is not sent again by anyone, so
  // the run says it did not do all of its work (a reader of stdout that went away ended it).
  std::uint64_t dead_lettered = 0;
  for (const auto& sink : sinks.sinks()) dead_lettered += sink->counters().dead_lettered;
  if (!stdout_closed && (sinks.undelivered() > 0 || dead_lettered > 0)) {
    std::cerr << "horolog replay: " << sinks.undelivered() << " batch(es) not delivered, "
              << dead_lettered << " event(s) dead-lettered\n";
    exit_code = 1;
  }

  totals.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  totals.events = writer.counters().events;
  for (const auto& [name, s] : stats.snapshot()) totals.parse_errors += s.parse_errors;
  totals.with_history = history.has_value();
  totals.corrected = writer.counters().corrected;
  totals.out_of_range = writer.counters().out_of_range;
  std::cerr << format_summary(totals, g_replay_stop.load()) << std::endl;
  // The summary said it was interrupted; 130 is the shell's status for "ended by SIGINT".
  return g_replay_stop ? 130 : exit_code;
}

}  // namespace horolog
