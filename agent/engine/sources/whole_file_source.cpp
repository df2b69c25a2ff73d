// The reader walks the content in batches; the content is shared with the batches so that a
// batch still being written keeps the mapping it views into.
#include "agent/engine/sources/whole_file_source.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <utility>

#include "parsers/format_registry.h"

namespace horolog {

namespace {

SysNanos now_ns() {
  return std::chrono::time_point_cast<Nanoseconds>(std::chrono::system_clock::now());
}

// A read-only private mapping of a whole file, unmapped with its last user.
class Mapping {
 public:
  Mapping(void* address, std::size_t size) noexcept : address_(address), size_(size) {}
  ~Mapping() { ::munmap(address_, size_); }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;

 private:
  void* address_;
  std::size_t size_;
};

}  // namespace

WholeFileSource::WholeFileSource(const FormatInfo& format, WholeFileSettings settings,
                                 TimeResolverSettings time, int fd, bool owns_fd,
                                 std::uint64_t start)
    : format_(format),
      settings_(std::move(settings)),
      time_(time),
      fd_(fd),
      owns_fd_(owns_fd),
      final_(!settings_.follow) {
  position_.offset = start;
}

WholeFileSource::WholeFileSource(const FormatInfo& format, WholeFileSettings settings,
                                 TimeResolverSettings time, std::string content)
    : format_(format), settings_(std::move(settings)), time_(time), final_(true) {
  auto owned = std::make_shared<const std::string>(std::move(content));
  view_ = *owned;
  size_read_ = view_.size();
  content_ = std::move(owned);
  reader_ = format_.make_reader(view_, 0, settings_.parser);
}

WholeFileSource::~WholeFileSource() {
  if (owns_fd_) ::close(fd_);
}

Result<bool> WholeFileSource::remap() {
  struct stat st {};
  if (fstat(fd_, &st) != 0) return fail(Error::from_errno(errno, settings_.path));
  const auto size = static_cast<std::uint64_t>(st.st_size);
  // An export is read whole each time it changes; the reader resumes after its last record.
  if (size == size_read_ || size == 0 || size <= position_.offset) return false;
  void* address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd_, 0);
  if (address == MAP_FAILED) return fail(Error::from_errno(errno, settings_.path));
  content_ = std::make_shared<const Mapping>(address, size);
  view_ = std::string_view(static_cast<const char*>(address), size);
  size_read_ = size;
  reader_ = format_.make_reader(view_, position_.offset, settings_.parser);
  return true;
}

Result<SourceStatus> WholeFileSource::read(EventBatch& batch) {
  batch.clear();
  if (!unread_.empty()) {
    // After the batch of the last records: what the reader could not read is an error of the
    // file, reported once (a growing file read again reports only what is new).
    reported_ = std::exchange(unread_, {});
    return fail(ErrorCode::corrupt, settings_.path + ": " + reported_);
  }
  if (reader_ == nullptr && fd_ >= 0) {
    Result<bool> mapped = remap();
    if (!mapped) return fail(mapped.error());
  }
  if (reader_ == nullptr) return final_ ? SourceStatus::end : SourceStatus::idle;
  const auto now = now_ns();
  if (settings_.follow) time_.set_reference(now);
  batch.backing = content_;
  ParseContext ctx{time_, batch.arena, settings_.host};
  while (batch.size < settings_.batch_events) {
    Event& event = batch.next_event();
    event.created = now;
    event.timestamp = now;
    event.source_path = settings_.path;
    event.input_name = settings_.input_name;
    if (!reader_->next(event, ctx)) {
      batch.discard_last();  // no record for the event just taken
      position_.offset = reader_->position();
      if (std::string unread = reader_->unread(); unread != reported_) unread_ = std::move(unread);
      reader_.reset();  // until the file grows (or for good)
      break;
    }
  }
  if (reader_ != nullptr) position_.offset = reader_->position();
  if (batch.size > 0) return SourceStatus::batch;
  batch.clear();
  if (!unread_.empty()) return read(batch);
  return final_ ? SourceStatus::end : SourceStatus::idle;
}

}  // namespace horolog
