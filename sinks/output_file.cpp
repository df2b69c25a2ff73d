// File I/O and the gzip (zlib) / zstd codecs behind OutputFile.
#include "sinks/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <filesystem>

#include "sinks/write_fully.h"

namespace horolog {

// Compresses one batch into one self-contained gzip member or zstd frame.
struct OutputFile::Codec {
  Compression kind;
  ZSTD_CCtx* zstd = nullptr;

  explicit Codec(Compression k) : kind(k) {
    if (kind == Compression::zstd) zstd = ZSTD_createCCtx();
  }
  ~Codec() { ZSTD_freeCCtx(zstd); }

  bool compress(std::string_view in, std::string& out) {
    out.clear();
    if (kind == Compression::zstd) {
      out.resize(ZSTD_compressBound(in.size()));
      const std::size_t n =
          ZSTD_compressCCtx(zstd, out.data(), out.size(), in.data(), in.size(), 3);
      if (ZSTD_isError(n)) return false;
      out.resize(n);
      return true;
    }
    z_stream stream{};
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
      return false;
    }
    out.resize(deflateBound(&stream, static_cast<uLong>(in.size())) + 32);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    stream.avail_in = static_cast<uInt>(in.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return rc == Z_STREAM_END;
  }
};

OutputFile::OutputFile(std::string path, Compression compression)
    : path_(std::move(path)), compression_(compression) {
  if (compression_ != Compression::none) codec_ = std::make_unique<Codec>(compression_);
}

OutputFile::~OutputFile() { close(); }

int OutputFile::open() {
  if (fd_ >= 0) return 0;
  std::error_code ec;
  const auto parent = std::filesystem::path(path_).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) return errno;
  struct stat st {};
  committed_size_ = fstat(fd_, &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
  if (compression_ == Compression::none) cut_torn_tail();
  return 0;
}

void OutputFile::cut_torn_tail() noexcept {
  // A crash in the middle of a write leaves half a line at the end. That batch was never
  // acknowledged, so it will be delivered again: cut the half line rather than glue the next
  // one onto it.
  char block[4096];
  std::uint64_t end = committed_size_;
  while (end > 0) {
    const std::uint64_t begin = end > sizeof block ? end - sizeof block : 0;
    const ssize_t n = ::pread(fd_, block, end - begin, static_cast<off_t>(begin));
    if (n <= 0) return;
    for (ssize_t i = n - 1; i >= 0; --i) {
      if (block[i] != '\n') continue;
      const std::uint64_t keep = begin + static_cast<std::uint64_t>(i) + 1;
      if (keep != committed_size_ && ftruncate(fd_, static_cast<off_t>(keep)) == 0) {
        committed_size_ = keep;
      }
      return;
    }
    end = begin;
  }
  if (committed_size_ > 0 && ftruncate(fd_, 0) == 0) committed_size_ = 0;
}

int OutputFile::append(std::string_view data) {
  pending_.append(data);
  return 0;
}

int OutputFile::commit(bool fsync) {
  if (int rc = open(); rc != 0) return rc;
  if (pending_.empty()) return 0;
  std::string_view out = pending_;
  if (codec_) {
    if (!codec_->compress(pending_, compressed_)) return EIO;
    out = compressed_;
  }
  int rc = write_fully(fd_, out);
  if (rc == 0 && fsync && ::fsync(fd_) != 0) rc = errno;
  if (rc != 0) {
    // Cut the partial write so the retry leaves no half line (or half frame) behind.
    if (ftruncate(fd_, static_cast<off_t>(committed_size_)) != 0) rc = errno;
    return rc;
  }
  committed_size_ += out.size();
  pending_.clear();
  return 0;
}

void OutputFile::rollback() noexcept {
  pending_.clear();
  // Nothing of the pending batch reached the file except through a failed commit, which
  // already cut it back.
}

void OutputFile::close() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

}  // namespace horolog
