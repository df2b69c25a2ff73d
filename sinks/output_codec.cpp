// gzip through zlib's deflate (one stream, reset for every member) and zstd through one
// compression context, both at their default levels.
#include "sinks/output_codec.h"

#include <zlib.h>
#include <zstd.h>

namespace horolog {

OutputCodec::OutputCodec(Compression kind) : kind_(kind) {
  if (kind_ == Compression::zstd) {
    zstd_ = ZSTD_createCCtx();
  } else {
    gzip_ = std::make_unique<z_stream>();
    gzip_ready_ = deflateInit2(gzip_.get(), Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                               Z_DEFAULT_STRATEGY) == Z_OK;
  }
}

OutputCodec::~OutputCodec() {
  ZSTD_freeCCtx(zstd_);
  if (gzip_ready_) deflateEnd(gzip_.get());
}

bool OutputCodec::compress(std::string_view in, std::string& out) {
  out.clear();
  if (kind_ == Compression::zstd) {
    if (zstd_ == nullptr) return false;
    out.resize(ZSTD_compressBound(in.size()));
    const std::size_t n = ZSTD_compressCCtx(zstd_, out.data(), out.size(), in.data(), in.size(), 3);
    if (ZSTD_isError(n)) return false;
    out.resize(n);
    return true;
  }
  if (!gzip_ready_ || deflateReset(gzip_.get()) != Z_OK) return false;
  z_stream& stream = *gzip_;
  out.resize(deflateBound(&stream, static_cast<uLong>(in.size())) + 32);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  stream.avail_in = static_cast<uInt>(in.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  return rc == Z_STREAM_END;
}

}  // namespace horolog
