// Options of the file sink (`type: file`), declared once for decoding and for the reference.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config/file_use.h"
#include "config/option_types.h"
#include "sinks/path_template.h"

namespace horolog {

enum class Compression { none, gzip, zstd };
enum class FlushPolicy { batch, interval };

// What happens to events whose output fails for good (a name the file system refuses, a symlink
// at the output path). Errors an operator can fix (full disk, permissions) are always retried.
enum class OutputErrorPolicy {
  hold,         // the batch is not acknowledged until SIGHUP writes it again (or a restart)
  dead_letter,  // write the events with the error to the dead-letter file and go on
};

struct FileSinkOptions {
  std::string path = "./out/{input}-%Y%m%d.ndjson";
  config::ByteSize max_size{0};
  Compression compression = Compression::none;
  FlushPolicy flush = FlushPolicy::batch;
  config::Duration flush_interval = std::chrono::seconds(1);
  bool fsync = false;
  std::uint64_t max_open_files = 128;
  OutputErrorPolicy on_permanent_error = OutputErrorPolicy::dead_letter;
  std::string dead_letter;  // empty: file-sink-NAME-dead-letter.ndjson in the state directory

  template <class V>
  void describe(V& v) {
    v("path", path,
      "Output path template: strftime fields (%Y, %m, %d, %H) from the event's UTC time, and "
      "{input}, {host}, {format} (names longer than 128 bytes are cut and end in a hash)");
    const Result<PathTemplate> parsed = PathTemplate::parse(path);
    v.check("path", parsed.has_value(), parsed ? "" : parsed.error().message());
    v("max_size", max_size, "Rotate a file when it reaches this size (0 = never)");
    v("compression", compression,
      config::Choices<Compression>{
          {{"none", Compression::none}, {"gzip", Compression::gzip}, {"zstd", Compression::zstd}}},
      "Compress output files");
    v("flush", flush,
      config::Choices<FlushPolicy>{
          {{"batch", FlushPolicy::batch}, {"interval", FlushPolicy::interval}}},
      "When written data counts as delivered: after every batch, or every flush_interval");
    v("flush_interval", flush_interval,
      "Flush period when flush is `interval`; 0s flushes after every batch, as `flush: batch`");
    v("fsync", fsync, "fsync() files before reporting data as delivered (survives power loss)");
    v("max_open_files", max_open_files,
      "Most output files open at once; to open another, the least recently written one is "
      "closed (sooner when the process runs out of descriptors first)");
    v.check("max_open_files", max_open_files >= 1, "must be at least 1");
    v("on_permanent_error", on_permanent_error,
      config::Choices<OutputErrorPolicy>{
          {{"hold", OutputErrorPolicy::hold}, {"dead_letter", OutputErrorPolicy::dead_letter}}},
      "Events whose output fails for good (name too long, a symlink at the path): `dead_letter` "
      "(written to the dead_letter file; delivery goes on) or `hold` (kept unacknowledged and "
      "written again at SIGHUP; their file pauses meanwhile)");
    v("dead_letter", dead_letter,
      "NDJSON file receiving those events with the error; default: "
      "`file-sink-NAME-dead-letter.ndjson` in data_dir");
    v.check("dead_letter",
            dead_letter.empty() || on_permanent_error == OutputErrorPolicy::dead_letter,
            "`dead_letter` is only used with on_permanent_error: dead_letter");
    if (parsed) {
      v.files("path", config::FileUse::using_paths(config::FileRole::writes,
                                                   written_paths(parsed->shape())));
    }
    if (!dead_letter.empty()) {
      v.files("dead_letter",
              config::FileUse::using_paths(config::FileRole::appends,
                                           {config::PathShape().literal(dead_letter)}));
    }
  }

  // The names FileSink gives its files (file_sink.cpp): the rendered path with the compression's
  // extension unless it ends with it already, and with max_size, that name with `.1`, `.2` …
  std::vector<config::PathShape> written_paths(config::PathShape path) const {
    const std::string_view extension = compression == Compression::gzip   ? ".gz"
                                       : compression == Compression::zstd ? ".zst"
                                                                          : "";
    if (!extension.empty() && !path.ends_with(extension)) path.literal(extension);
    std::vector<config::PathShape> paths = {path};
    if (max_size.bytes > 0) paths.push_back(path.literal(".").number());
    return paths;
  }
};

}  // namespace horolog
