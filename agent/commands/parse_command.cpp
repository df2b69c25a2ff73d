// `horolog parse`: a one-shot pipeline from files to stdout, with no config file.
#include "agent/commands/parse_command.h"

#include <iostream>

#include "agent/config/host_name.h"
#include "agent/engine/batch_writer.h"
#include "agent/engine/read_loop.h"
#include "agent/engine/sources/reference_time.h"
#include "agent/engine/sources/source_factory.h"
#include "parsers/format_registry.h"
#include "sinks/stdout_sink.h"

namespace horolog {

namespace {

Result<winevent::DateOrder> date_order_named(const std::string& name) {
  if (name == "auto") return winevent::DateOrder::auto_detect;
  if (name == "mdy") return winevent::DateOrder::mdy;
  if (name == "dmy") return winevent::DateOrder::dmy;
  return fail(ErrorCode::invalid_argument, "--date-order: '" + name + "' is not auto, mdy or dmy");
}

}  // namespace

Result<SourceOptions> parse_source_options(const ParseCommandOptions& options) {
  SourceOptions source;
  source.format = find_format(options.format);
  if (source.format == nullptr) {
    return fail(ErrorCode::invalid_argument, "unknown format '" + options.format + "'");
  }
  Result<Zone> zone = Zone::find(options.timezone);
  if (!zone) return fail(ErrorCode::invalid_argument, "--timezone: " + zone.error().message());
  source.zone = *zone;
  Result<winevent::DateOrder> date_order = date_order_named(options.date_order);
  if (!date_order) return fail(date_order.error());
  source.parser.date_order = *date_order;
  if (!options.reference_time.empty()) {
    source.reference = parse_reference_time(options.reference_time);
    if (!source.reference) {
      return fail(ErrorCode::invalid_argument,
                  "--reference-time: '" + options.reference_time +
                      "' is not an RFC 3339 time (e.g. 2026-11-26T12:00:00Z)");
    }
  }
  source.input_name = "parse";
  source.host = resolve_host_name(options.host);
  return source;
}

Result<int> parse_command(const ParseCommandOptions& options) {
  Result<SourceOptions> source_settings = parse_source_options(options);
  if (!source_settings) return fail(source_settings.error());

  std::atomic<bool> stdout_closed{false};
  SinkSet sinks;
  sinks.add("stdout", std::make_unique<StdoutSink>(
                          SinkEnvironment{sinks.ack_callback(), nullptr, &stdout_closed}));
  RunStats stats;
  BatchWriter writer(sinks, stats, options.format,
                     FieldSelection(options.include_fields, options.exclude_fields));
  ReadLoop loop(writer);

  std::vector<std::string> paths = options.paths;
  if (paths.empty()) paths.emplace_back("-");
  int exit_code = 0;
  for (const std::string& path : paths) {
    Result<std::unique_ptr<RecordSource>> source = open_source(path, *source_settings);
    if (!source && source.error().code() == ErrorCode::invalid_config) {
      return fail(ErrorCode::invalid_argument, source.error().message());  // true of every file
    }
    Result<SourceStatus> read = source ? loop.run(**source, stdout_closed) : fail(source.error());
    if (!read) {
      std::cerr << "horolog parse: " << read.error().message() << "\n";
      exit_code = 1;
    }
    if (stdout_closed) break;
  }
  sinks.flush();
  return exit_code;
}

}  // namespace horolog
