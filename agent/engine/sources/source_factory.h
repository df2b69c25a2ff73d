// Opens the right source for a format name and a file or stream: line formats through their
// parser, formats read whole through their record reader, gzip/zstd archives decompressed on the
// way, and format `auto` recognising whole-file formats by their first bytes (also on stdin).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "agent/engine/sources/record_source.h"
#include "normalizer/zone.h"
#include "parsers/framer.h"
#include "parsers/parser_options.h"

namespace horolog {

struct SourceOptions {
  const FormatInfo* format = nullptr;  // a format of the registry; `auto` included
  ParserOptions parser;
  std::string input_name;   // horolog.input
  std::string host;         // host.name for records that name none
  Zone zone = Zone::utc();  // of stamps without an offset
  // Year inference's anchor; unset: the file's modification time (now for a stream). Ignored
  // when following, where it is the time of each read.
  std::optional<SysNanos> reference;
  bool follow = false;  // the file may grow (see LineSourceSettings::follow)
  std::size_t max_record_size = Framer::kDefaultMaxRecordSize;
  std::uint64_t start = 0;  // resume position (regular files opened by the caller)
};

// Opens `path` (`-`: standard input) to be read once. Errors name the path; invalid_config when
// the format's parser cannot be built from the options.
Result<std::unique_ptr<RecordSource>> open_source(const std::string& path,
                                                  const SourceOptions& options);

// A regular file the caller has opened and keeps open while the source lives (the file input,
// which tracks identity and rotation itself); `path` is what log.file.path shows.
Result<std::unique_ptr<RecordSource>> open_file_source(int fd, const std::string& path,
                                                       const SourceOptions& options);

}  // namespace horolog
