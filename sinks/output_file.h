// One output file of the file sink: plain, gzip or zstd. Each committed batch ends a complete
// gzip member / zstd frame (compressed by the sink's one OutputCodec), so the file is decodable
// after a crash and a failed batch can be cut off again (truncate to the last commit) before it
// is retried. It knows which file it writes (device, inode, birth time) and where its
// acknowledged data ends, for the sink's state (output_state.h); bytes it did not write are
// never cut.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sinks/file_sink_options.h"
#include "sinks/output_codec.h"

namespace horolog {

// Which file an output is, whatever its name: a file put in its place, or rotated away and
// re-created, is another one. The birth time (where the file system records one, else 0) tells
// a reused inode number apart.
struct OutputIdentity {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::int64_t born_ns = 0;

  friend bool operator==(const OutputIdentity&, const OutputIdentity&) = default;
};

// The identity and size of the open file `fd`: 0 or an errno.
int identify_output(int fd, OutputIdentity& identity, std::uint64_t& size) noexcept;

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
  // Before a commit to an open file: notices bytes that someone else appended or cut since the
  // last commit (the file is then unrecorded again).
  int check_size();
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

  // What the sink's state records: the file, and the end of its acknowledged data. A file met
  // for the first time (or changed by someone else) is acknowledged up to its size then.
  bool identified() const noexcept { return identified_; }
  const OutputIdentity& identity() const noexcept { return identity_; }
  std::uint64_t acknowledged_size() const noexcept { return acknowledged_size_; }
  void acknowledge() noexcept { acknowledged_size_ = committed_size_; }
  // Whether the state saved as `generation` holds this file; a file met since holds 0.
  bool recorded_in(std::uint64_t generation) const noexcept { return recorded_in_ == generation; }
  void set_recorded_in(std::uint64_t generation) noexcept { recorded_in_ = generation; }

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
  // Takes the open file as it is now: `identity`, `size` bytes long.
  void adopt(const OutputIdentity& identity, std::uint64_t size);
  bool ends_in_newline(std::uint64_t size) const noexcept;

  std::string path_;
  Compression compression_;
  int fd_ = -1;
  bool identified_ = false;
  OutputIdentity identity_;
  std::uint64_t committed_size_ = 0;     // where the last commit ended
  std::uint64_t acknowledged_size_ = 0;  // where the last acknowledged commit ended
  std::uint64_t recorded_in_ = 0;
  bool torn_ = false;       // a failed commit could not be cut back: the next open cuts it
  bool separator_ = false;  // the file does not end in a newline: the next commit starts one
  std::string pending_;     // uncompressed bytes of the current batch
  std::vector<std::uint64_t> tickets_;
  std::uint64_t last_used_ = 0;
};

}  // namespace horolog
