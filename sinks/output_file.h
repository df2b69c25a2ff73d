// One output file of the file sink: plain, gzip or zstd. Each committed batch ends a complete
// gzip member / zstd frame (compressed by the sink's one OutputCodec), so the file is decodable
// after a crash and a failed batch can be cut off again (truncate to the last commit) before it
// is retried.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sinks/file_sink_options.h"
#include "sinks/output_codec.h"

namespace horolog {

class OutputFile {
 public:
  OutputFile(std::string path, Compression compression);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // All return 0 or an errno value.
  int open();
  int append(std::string_view data);  // buffered; part of the pending batch
  // Writes the pending batch out (through `codec` when compressing, with `scratch` for its
  // output), optionally fsyncs.
  int commit(OutputCodec* codec, std::string& scratch, bool fsync);
  void rollback() noexcept;  // drops the pending batch and cuts the file to the last commit
  void close() noexcept;

  const std::string& path() const noexcept { return path_; }
  std::uint64_t committed_size() const noexcept { return committed_size_; }
  std::size_t pending_size() const noexcept { return pending_.size(); }
  bool is_open() const noexcept { return fd_ >= 0; }

 private:
  void cut_torn_tail() noexcept;

  std::string path_;
  Compression compression_;
  int fd_ = -1;
  std::uint64_t committed_size_ = 0;  // bytes on disk after the last commit
  std::string pending_;               // uncompressed bytes of the current batch
};

}  // namespace horolog
