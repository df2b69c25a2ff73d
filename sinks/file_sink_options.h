// Options of the file sink (`type: file`), declared once for decoding and for the reference.
#pragma once

#include <string>

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
  }
};

}  // namespace horolog
