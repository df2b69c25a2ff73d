// `horolog parse`: a one-shot pipeline from files to stdout, with no config file.
#include "agent/commands/parse_command.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <iostream>

#include "agent/engine/batch_writer.h"
#include "agent/config/host_name.h"
#include "agent/engine/sources/line_source.h"
#include "agent/engine/sources/reference_time.h"
#include "agent/engine/sources/whole_file_source.h"
#include "parsers/format_registry.h"
#include "sinks/stdout_sink.h"

namespace horolog {

int parse_command(const ParseCommandOptions& options) {
  const FormatInfo* format = find_format(options.format);
  if (format == nullptr) {
    std::cerr << "horolog parse: unknown format '" << options.format << "'\n";
    return 2;
  }
  std::unique_ptr<Zone> zone;
  try {
    zone = std::make_unique<Zone>(Zone::locate(options.timezone));
  } catch (const std::exception& e) {
    std::cerr << "horolog parse: --timezone: " << e.what() << "\n";
    return 2;
  }
  winevent::DateOrder date_order = winevent::DateOrder::auto_detect;
  if (options.date_order == "mdy") {
    date_order = winevent::DateOrder::mdy;
  } else if (options.date_order == "dmy") {
    date_order = winevent::DateOrder::dmy;
  } else if (options.date_order != "auto") {
    std::cerr << "horolog parse: --date-order: '" << options.date_order
              << "' is not auto, mdy or dmy\n";
    return 2;
  }
  std::optional<SysNanos> reference;
  if (!options.reference_time.empty()) {
    reference = parse_reference_time(options.reference_time);
    if (!reference) {
      std::cerr << "horolog parse: --reference-time: '" << options.reference_time
                << "' is not an RFC 3339 time (e.g. 2026-11-26T12:00:00Z)\n";
      return 2;
    }
  }

  std::atomic<bool> stdout_closed{false};
  SinkSet sinks;
  sinks.add("stdout", std::make_unique<StdoutSink>(sinks.ack_callback(), &stdout_closed));
  RunStats stats;
  BatchWriter writer(sinks, stats, std::string(format->name),
                     FieldSelection(options.include_fields, options.exclude_fields));
  const std::string host = resolve_host_name(options.host);

  std::vector<std::string> paths = options.paths;
  if (paths.empty()) paths.push_back("-");
  int exit_code = 0;
  for (const std::string& path : paths) {
    const bool is_stdin = path == "-";
    const int fd = is_stdin ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      std::cerr << "horolog parse: cannot open " << path << ": " << std::strerror(errno) << "\n";
      exit_code = 1;
      continue;
    }
    TimeResolverSettings time{*zone, reference.value_or(file_reference_time(fd))};
    const FormatInfo* file_format = format;
    if (format->name == "auto" && !is_stdin) {
      // Windows event files are read whole: recognised by their first bytes, not per line.
      if (const std::string_view sniffed = sniff_whole_file_format(fd); !sniffed.empty()) {
        file_format = find_format(sniffed);
      }
    }
    if (file_format->framing == RecordFraming::whole_file) {
      WholeFileSource source(
          {path, "parse", std::string(file_format->name), host, 1024, date_order}, time, 0);
      std::uint64_t previous = 0;
      if (!source.read(fd, [&](const EventBatch& batch, std::uint64_t end) {
            writer.write(batch, end - previous);
            previous = end;
          })) {
        std::cerr << "horolog parse: cannot read " << path << " as " << file_format->name << ": "
                  << std::strerror(source.last_errno()) << "\n";
        exit_code = 1;
      }
      if (!is_stdin) ::close(fd);
      continue;
    }
    std::unique_ptr<Parser> parser;
    try {
      parser = format->make(ParserOptions{});
    } catch (const std::exception& e) {
      std::cerr << "horolog parse: format " << format->name << ": " << e.what() << "\n";
      return 2;
    }
    LineSourceSettings settings{path, "parse", std::string(format->dataset), host};
    LineSource source(std::move(settings), std::move(parser), std::move(time), fd, 0);
    EventBatch batch;
    for (;;) {
      const std::uint64_t before = source.position();
      const auto read = source.read_batch(batch, /*final=*/true);
      if (read == LineSource::Read::error) {
        std::cerr << "horolog parse: read error on " << path << ": "
                  << std::strerror(source.last_errno()) << "\n";
        exit_code = 1;
        break;
      }
      if (read == LineSource::Read::end_of_data) break;
      if (batch.size > 0) writer.write(batch, source.position() - before);
      if (stdout_closed) break;
    }
    if (!is_stdin) ::close(fd);
    if (stdout_closed) break;
  }
  sinks.flush();
  return exit_code;
}

}  // namespace horolog
