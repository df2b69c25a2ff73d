// FileSink: routing, rotation, commit with retry/backoff, acknowledgements.
#include "sinks/file_sink.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <thread>

namespace horolog {

namespace {

constexpr std::size_t kMaxOpenFiles = 32;

std::string with_extension(std::string path, Compression compression) {
  const std::string_view ext = compression == Compression::gzip   ? ".gz"
                               : compression == Compression::zstd ? ".zst"
                                                                  : "";
  if (!ext.empty() && !std::string_view(path).ends_with(ext)) path += ext;
  return path;
}

}  // namespace

Result<std::unique_ptr<FileSink>> FileSink::create(const SinkConfig& config,
                                                   const FileSinkOptions& options,
                                                   const SinkEnvironment& env) {
  Result<PathTemplate> path = PathTemplate::parse(options.path);
  if (!path) return fail(path.error().within("sink " + config.name + ": path"));
  return std::make_unique<FileSink>(options, std::move(*path), env);
}

FileSink::FileSink(FileSinkOptions options, PathTemplate path, const SinkEnvironment& env)
    : options_(std::move(options)),
      template_(std::move(path)),
      ack_(env.ack),
      stopping_(env.stopping),
      last_commit_(std::chrono::steady_clock::now()) {
  if (options_.compression != Compression::none) {
    codec_ = std::make_unique<OutputCodec>(options_.compression);
  }
}

FileSink::~FileSink() { flush(); }

OutputFile& FileSink::file_for(const std::string& path) {
  auto it = files_.find(path);
  if (it != files_.end()) return *it->second;
  if (files_.size() >= kMaxOpenFiles && touched_.empty()) {
    files_.clear();  // late or out-of-order events spread over many files: start afresh
  }
  auto file = std::make_unique<OutputFile>(with_extension(path, options_.compression),
                                           options_.compression);
  if (std::find(paths_written_.begin(), paths_written_.end(), file->path()) ==
      paths_written_.end()) {
    paths_written_.push_back(file->path());
  }
  return *files_.emplace(path, std::move(file)).first->second;
}

void FileSink::rotate(OutputFile& file) {
  file.close();
  // Rotated files take the first free numeric suffix; the active name is always the template's.
  for (unsigned n = 1;; ++n) {
    const std::string target = file.path() + "." + std::to_string(n);
    std::error_code ec;
    if (std::filesystem::exists(target, ec)) continue;
    std::filesystem::rename(file.path(), target, ec);
    if (ec) spdlog::warn("file sink: cannot rotate {}: {}", file.path(), ec.message());
    break;
  }
}

void FileSink::write(const EncodedBatch& batch) {
  const std::uint64_t max_size = options_.max_size.bytes;
  const std::size_t count = batch.events->size;
  if (count > 0) template_.render(batch.events->events[0], batch.format, path_scratch_);
  // Consecutive lines bound for the same file (nearly always all of them) are appended at once:
  // one lookup and one copy per run instead of per line.
  for (std::size_t begin = 0; begin < count;) {
    OutputFile& file = file_for(path_scratch_);
    if (file.open() == 0 && max_size > 0 && file.pending_size() == 0 &&
        file.committed_size() >= max_size) {
      rotate(file);
    }
    if (std::find(touched_.begin(), touched_.end(), &file) == touched_.end())
      touched_.push_back(&file);
    std::size_t end = begin + 1;
    for (; end < count; ++end) {
      template_.render(batch.events->events[end], batch.format, next_path_);
      if (next_path_ != path_scratch_) break;
    }
    const std::size_t first_byte = begin == 0 ? 0 : batch.line_ends[begin - 1];
    const std::string_view run =
        batch.ndjson.substr(first_byte, batch.line_ends[end - 1] - first_byte);
    (void)file.append(run);
    counters_.bytes += run.size();
    path_scratch_.swap(next_path_);  // the path of the line that ended the run, if any
    begin = end;
  }
  counters_.events += batch.events->size;
  unacked_.push_back(batch.ticket);

  const bool due = options_.flush == FlushPolicy::batch ||
                   std::chrono::steady_clock::now() - last_commit_ >= options_.flush_interval;
  if (due) flush();
}

bool FileSink::commit_touched() {
  auto backoff = std::chrono::milliseconds(100);
  while (!touched_.empty()) {
    OutputFile* file = touched_.back();
    const int rc = file->commit(codec_.get(), compressed_, options_.fsync);
    if (rc == 0) {
      touched_.pop_back();
      continue;
    }
    ++counters_.errors;
    spdlog::error("file sink: cannot write {}: {} (retrying in {} ms)", file->path(),
                  std::strerror(rc), backoff.count());
    file->close();  // reopen on retry: the path may have been fixed or the disk freed
    if (stopping_ != nullptr && stopping_->load()) return false;
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
  }
  return true;
}

void FileSink::ack_pending(Delivery delivery) {
  for (std::uint64_t ticket : unacked_) {
    if (delivery == Delivery::delivered) ++counters_.batches_delivered;
    if (ack_) ack_(ticket, delivery);
  }
  unacked_.clear();
}

void FileSink::flush() {
  if (unacked_.empty() && touched_.empty()) return;
  const bool ok = commit_touched();
  last_commit_ = std::chrono::steady_clock::now();
  if (!ok) {
    for (OutputFile* file : touched_) file->rollback();
    touched_.clear();
  }
  ack_pending(ok ? Delivery::delivered : Delivery::retry);
}

void FileSink::reopen() {
  flush();
  files_.clear();
}

}  // namespace horolog
