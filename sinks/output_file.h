// One output file of the file sink: plain, gzip or zstd. Each committed batch ends a complete
// gzip member / zstd frame (compressed by the sink's one OutputCodec), so the file is decodable
// after a crash and a failed batch can be cut off again (truncate to the last commit) before it
// is retried.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sinks/file_sink_options.h"
#include "sinks/output_codec.h"

namespace horolog {

class OutputFile {
 public:
  // A pending buffer larger than this is given back when the output goes cold.
  static constexpr std::size_t kKeptBufferBytes = 64 << 10;

  OutputFile(std::string path, Compression compression);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // All return 0 or an errno value.
  // Opens for appending, creating the file and its folders; a symlink at the path is refused
  // (ELOOP): appending through it would write into a file the sink was never pointed at.
  int open();
  // Buffers lines of batch `ticket`: part of the pending batch.
  void append(std::string_view lines, std::uint64_t ticket);
  // Writes the pending batch out (through `codec` when compressing, with `scratch` for its
  // output), optionally fsyncs. The file must be open.
  int commit(OutputCodec* codec, std::string& scratch, bool fsync);
  void drop_pending() noexcept;  // forgets the pending batch (it was not written)
  void close() noexcept;
  // Gives back a large buffer while nothing is pending: an output that went cold (its
  // descriptor was taken for another) keeps little memory.
  void trim() noexcept;

  // When the output was last used, in the ticks of the OutputLru that holds it.
  std::uint64_t last_used() const noexcept { return last_used_; }
  void set_last_used(std::uint64_t tick) noexcept { last_used_ = tick; }

  const std::string& path() const noexcept { return path_; }
  std::uint64_t committed_size() const noexcept { return committed_size_; }
  std::string_view pending() const noexcept { return pending_; }
  std::size_t pending_size() const noexcept { return pending_.size(); }
  // The batches with lines in the pending batch, each once.
  const std::vector<std::uint64_t>& pending_tickets() const noexcept { return tickets_; }
  bool is_open() const noexcept { return fd_ >= 0; }

 private:
  void cut_torn_tail() noexcept;

  std::string path_;
  Compression compression_;
  int fd_ = -1;
  std::uint64_t committed_size_ = 0;  // bytes on disk after the last commit
  std::string pending_;               // uncompressed bytes of the current batch
  std::vector<std::uint64_t> tickets_;
  std::uint64_t last_used_ = 0;
};

}  // namespace horolog
