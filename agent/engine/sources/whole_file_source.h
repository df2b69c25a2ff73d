// A source of records that are not lines (EVTX, Windows XML/JSON/CSV exports): the format's
// record reader over the whole content, which is a mapped file (mapped again when it has grown)
// or bytes already read into memory (standard input, a decompressed archive).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "agent/engine/sources/record_source.h"
#include "normalizer/time_resolver.h"
#include "parsers/parser_options.h"
#include "parsers/record_reader.h"

namespace horolog {

struct WholeFileSettings {
  std::string path;        // log.file.path
  std::string input_name;  // horolog.input
  std::string host;        // host.name for records that name none
  ParserOptions parser;    // what the reader is built with (winevent-csv: date_order)
  std::size_t batch_events = 1024;
  bool follow = false;  // the file may grow: read again once it has, anchored to the time then
};

class WholeFileSource final : public RecordSource {
 public:
  // Over a regular file: `fd` is borrowed (the caller keeps it open while this lives), or owned
  // when `owns_fd`. The reader resumes at `start`, a position of an earlier reader of the file.
  WholeFileSource(const FormatInfo& format, WholeFileSettings settings, TimeResolverSettings time,
                  int fd, bool owns_fd, std::uint64_t start);
  // Over content read into memory (it does not grow).
  WholeFileSource(const FormatInfo& format, WholeFileSettings settings, TimeResolverSettings time,
                  std::string content);
  ~WholeFileSource() override;
  WholeFileSource(const WholeFileSource&) = delete;
  WholeFileSource& operator=(const WholeFileSource&) = delete;

  Result<SourceStatus> read(EventBatch& batch) override;
  const SourcePosition& position() const noexcept override { return position_; }
  void finish() noexcept override { final_ = true; }
  const FormatInfo& format() const noexcept override { return format_; }

 private:
  // Maps the file again when it has grown since it was last read; false when it has not.
  Result<bool> remap();

  const FormatInfo& format_;
  WholeFileSettings settings_;
  TimeResolver time_;
  int fd_ = -1;  // -1: content in memory
  bool owns_fd_ = false;
  bool final_;
  std::uint64_t size_read_ = 0;          // size of the content the reader walks
  std::shared_ptr<const void> content_;  // the mapping or the string; batches keep it alive
  std::string_view view_;
  std::unique_ptr<RecordReader> reader_;  // null until the content is there, and once it is done
  SourcePosition position_;
  std::string unread_;    // what the last reader could not read, reported once
  std::string reported_;  // what was reported last (a file read again is not reported twice)
};

}  // namespace horolog
