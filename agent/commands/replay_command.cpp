// Checks every argument and file before the first line is written, then reads the files in
// replay order, one at a time, into one writer.
#include "agent/commands/replay_command.h"

#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <iostream>
#include <memory>

#include "agent/config/agent_config.h"
#include "agent/commands/check_config_command.h"
#include "agent/config/host_name.h"
#include "agent/engine/sources/line_source.h"
#include "agent/engine/sources/archive_stream.h"
#include "agent/commands/replay/clock_history.h"
#include "agent/commands/replay/replay_order.h"
#include "agent/commands/replay/replay_progress.h"
#include "agent/commands/replay/replay_writer.h"
#include "agent/engine/sources/whole_file_source.h"
#include "normalizer/rfc3339_format.h"
#include "parsers/format_registry.h"
#include "sinks/file_sink.h"
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
  const FormatInfo* format;
  Zone zone;
  std::string host;
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

// Reads one file; returns an error message, or an empty string.
std::string replay_file(const ReplayFile& file, ReplayContext& context, FileProgress& done) {
  std::string error;
  auto stream = ArchiveStream::open(file.path, error);
  if (!stream) return error;
  const FormatInfo* format = context.format;
  if (format->name == "auto" && stream->compression() == ArchiveCompression::none) {
    // Windows event files are read whole: recognised by their first bytes, as `parse` does.
    if (const std::string_view sniffed = sniff_whole_file_format(stream->fd()); !sniffed.empty()) {
      format = find_format(sniffed);
    }
  }
  context.writer.set_format(std::string(format->name));
  context.stats.count_file(std::string(format->name));
  TimeResolverSettings time{context.zone, file.reference};

  if (format->framing == RecordFraming::whole_file) {
    if (stream->compression() != ArchiveCompression::none) {
      return file.path + ": " + std::string(format->name) + " files are replayed uncompressed only";
    }
    WholeFileSource source({file.path, "replay", std::string(format->name), context.host}, time, 0);
    std::uint64_t previous = 0;
    const bool ok = source.read(stream->fd(), [&](const EventBatch& batch, std::uint64_t end) {
      if (stopping(context)) return;
      context.writer.write(batch, end - previous);
      previous = end;
    });
    done.bytes_read = done.bytes_decoded = stream->file_size();
    if (!ok) return file.path + ": cannot read as " + std::string(format->name);
    return {};
  }

  LineSourceSettings settings{file.path, "replay", std::string(format->dataset), context.host};
  LineSource source(std::move(settings), format->make(ParserOptions{}), std::move(time),
                    stream->fd(), 0);
  EventBatch batch;
  const bool compressed = stream->compression() != ArchiveCompression::none;
  while (!stopping(context)) {
    const std::uint64_t before = source.position();
    const std::uint64_t skipped_before = source.skipped_records();
    const auto read = source.read_batch(batch, /*final=*/true);
    if (read == LineSource::Read::error) {
      return file.path + ": read error: " + std::strerror(source.last_errno());
    }
    if (read == LineSource::Read::end_of_data) break;
    context.stats.count_skipped(std::string(format->name),
                                source.skipped_records() - skipped_before);
    if (batch.size > 0) context.writer.write(batch, source.position() - before);
    done.bytes_read = compressed ? stream->compressed_consumed() : source.position();
    context.progress.update(context.bytes_before + done.bytes_read, context.bytes_total,
                            context.writer.counters().events);
  }
  done.bytes_decoded = source.position();
  if (stopping(context)) return {};
  done.bytes_read = stream->file_size();
  return stream->finish();
}

// The files to replay with their mtimes, in replay order; an error names the first bad path.
std::vector<ReplayFile> stat_files(const std::vector<std::string>& paths, std::uint64_t& total,
                                   std::string& error) {
  std::vector<ReplayFile> files;
  for (const std::string& path : paths) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      error = "cannot replay " + path + ": " + std::strerror(errno);
      return {};
    }
    if (!S_ISREG(st.st_mode)) {
      error = "cannot replay " + path + ": not a regular file";
      return {};
    }
    total += static_cast<std::uint64_t>(st.st_size);
    files.push_back(
        {path,
         SysNanos(std::chrono::seconds(st.st_mtim.tv_sec) + Nanoseconds(st.st_mtim.tv_nsec)),
         {}});
  }
  return order_replay_files(std::move(files));
}

// The sinks of the config (file and stdout), or stdout alone; false with `error` otherwise.
bool build_sinks(const AgentConfig* config, SinkSet& sinks, std::atomic<bool>& stdout_closed,
                 std::string& error) {
  if (config == nullptr) {
    sinks.add("stdout", std::make_unique<StdoutSink>(sinks.ack_callback(), &stdout_closed));
    return true;
  }
  for (const SinkConfig& sink : config->sinks) {
    if (const auto* file = std::get_if<FileSinkOptions>(&sink.settings)) {
      sinks.add(sink.name, std::make_unique<FileSink>(*file, sinks.ack_callback(), &g_replay_stop));
    } else if (std::holds_alternative<StdoutSinkOptions>(sink.settings)) {
      sinks.add(sink.name, std::make_unique<StdoutSink>(sinks.ack_callback(), &stdout_closed));
    } else {
      error =
          "sink " + sink.name + ": replay writes to file and stdout sinks only, not " + sink.type;
      return false;
    }
  }
  if (sinks.sinks().empty()) {
    error = "the config has no sinks to replay into";
    return false;
  }
  return true;
}

}  // namespace

int replay_command(const ReplayCommandOptions& options) {
  const FormatInfo* format = find_format(options.format);
  if (format == nullptr) {
    std::cerr << "horolog replay: unknown format '" << options.format << "'\n";
    return 2;
  }
  std::optional<AgentConfig> config;
  if (!options.config.empty()) {
    auto loaded = load_config_file(options.config);
    if (!loaded) {
      print_config_errors(options.config, loaded.error(), std::cerr);
      return 2;
    }
    config = std::move(*loaded);
  }
  std::string zone_name = options.timezone;
  if (zone_name.empty()) zone_name = config ? config->timezone : "local";
  std::unique_ptr<Zone> zone;
  try {
    zone = std::make_unique<Zone>(Zone::locate(zone_name));
  } catch (const std::exception& e) {
    std::cerr << "horolog replay: --timezone: " << e.what() << "\n";
    return 2;
  }
  std::optional<ClockHistory> history;
  if (!options.clock_history.empty()) {
    try {
      history = load_clock_history(options.clock_history);
    } catch (const std::exception& e) {
      std::cerr << "horolog replay: " << e.what() << "\n";
      return 2;
    }
  }
  if (options.paths.empty()) {
    std::cerr << "horolog replay: no files to replay\n";
    return 2;
  }
  std::uint64_t bytes_total = 0;
  std::string error;
  const std::vector<ReplayFile> files = stat_files(options.paths, bytes_total, error);
  if (files.empty()) {
    std::cerr << "horolog replay: " << error << "\n";
    return 1;
  }

  std::atomic<bool> stdout_closed{false};
  SinkSet sinks;
  try {
    if (!build_sinks(config ? &*config : nullptr, sinks, stdout_closed, error)) {
      std::cerr << "horolog replay: " << error << "\n";
      return 2;
    }
  } catch (const std::exception& e) {
    std::cerr << "horolog replay: cannot start: " << e.what() << "\n";
    return 1;
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
  const std::string host = !options.host.empty() ? options.host
                           : config              ? resolve_host_name(config->host_name)
                                                 : resolve_host_name("auto");
  if (history) {
    char first[kRfc3339MaxLength], last[kRfc3339MaxLength];
    const OffsetTimeline& timeline = history->timeline;
    std::cerr << "horolog replay: clock history: " << timeline.size() << " samples ("
              << history->loopstats_samples << " loopstats, " << history->tracking_samples
              << " tracking.log, " << history->ignored_lines << " lines ignored) from "
              << std::string_view(first, format_rfc3339_utc(timeline.first(), 0, first)) << " to "
              << std::string_view(last, format_rfc3339_utc(timeline.last(), 0, last)) << "\n";
  }
  if (history && options.host.empty()) {
    // Records that name another host were stamped by that host's clock, not the one the
    // history describes: they are not corrected. Say so before the user wonders why.
    std::cerr << "horolog replay: note: without --host, only records naming " << host
              << " (or no host) are corrected with the clock history\n";
  }
  ReplayContext context{format,   *zone,       host, writer,        stats,
                        progress, bytes_total, 0,    &stdout_closed};

  int exit_code = 0;
  ReplayTotals totals;
  for (const ReplayFile& file : files) {
    if (stopping(context)) break;
    FileProgress done;
    try {
      error = replay_file(file, context, done);
    } catch (const std::exception& e) {  // a parser that cannot be built (start-up kind of error)
      error = file.path + ": " + e.what();
    }
    if (!error.empty()) {
      progress.clear();
      std::cerr << "horolog replay: " << error << "\n";
      exit_code = 1;
    }
    ++totals.files;
    totals.bytes_read += done.bytes_read;
    totals.bytes_decoded += done.bytes_decoded;
    context.bytes_before += done.bytes_read;
  }
  sinks.flush();
  progress.clear();

  totals.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  totals.events = writer.counters().events;
  for (const auto& [name, s] : stats.snapshot()) totals.parse_errors += s.parse_errors;
  totals.with_history = history.has_value();
  totals.corrected = writer.counters().corrected;
  totals.out_of_range = writer.counters().out_of_range;
  std::cerr << format_summary(totals, g_replay_stop.load()) << std::endl;
  return g_replay_stop ? 130 : exit_code;  // 130: the shell's code for "ended by SIGINT"
}

}  // namespace horolog
