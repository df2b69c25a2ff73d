// Options of the file sink (`type: file`), declared once for decoding and for the reference.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/file_use.h"
#include "config/option_types.h"
#include "sinks/path_template.h"

namespace horolog {

enum class Compression { none, gzip, zstd };
enum class FlushPolicy { batch, interval };

struct FileSinkOptions {
  std::string path = "./out/{input}-%Y%m%d.ndjson";
  config::ByteSize max_size{0};
  Compression compression = Compression::none;
  FlushPolicy flush = FlushPolicy::batch;
  config::Duration flush_interval = std::chrono::seconds(1);
  bool fsync = false;

  template <class V>
  void describe(V& v) {
    v("path", path,
      "Output path template: strftime fields (%Y, %m, %d, %H) from the event's UTC time, and "
      "{input}, {host}, {format}");
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
    v("flush_interval", flush_interval, "Flush period when flush is `interval`");
    v("fsync", fsync, "fsync() files before reporting data as delivered (survives power loss)");
    if (parsed) {
      v.files("path", config::FileUse::using_paths(config::FileRole::writes,
                                                   written_paths(parsed->shape())));
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
