// The file sink's gzip / zstd compressor: one per sink, not per output file. Each commit becomes
// one self-contained gzip member or zstd frame, so no context has to outlive a commit, and a
// thousand outputs cost one compression context, not a thousand.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "sinks/file_sink_options.h"

struct z_stream_s;
struct ZSTD_CCtx_s;

namespace horolog {

class OutputCodec {
 public:
  explicit OutputCodec(Compression kind);  // gzip or zstd
  ~OutputCodec();
  OutputCodec(const OutputCodec&) = delete;
  OutputCodec& operator=(const OutputCodec&) = delete;

  // Replaces `out` with `in` compressed as one member / frame; false when the library fails.
  bool compress(std::string_view in, std::string& out);

 private:
  Compression kind_;
  std::unique_ptr<z_stream_s> gzip_;  // reset per member
  bool gzip_ready_ = false;
  ZSTD_CCtx_s* zstd_ = nullptr;
};

}  // namespace horolog
