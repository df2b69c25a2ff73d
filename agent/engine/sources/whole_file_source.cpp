// mmap of the whole file, then the format's record reader over it.
#include "agent/engine/sources/whole_file_source.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>

#include "parsers/detect/whole_file_detect.h"
#include "parsers/parser.h"
#include "parsers/winevent/winevent_readers.h"

namespace horolog {

std::string_view sniff_whole_file_format(int fd) {
  std::string head(kWholeFileDetectBytes, '\0');
  const ssize_t got = ::pread(fd, head.data(), head.size(), 0);
  if (got <= 0) return {};
  head.resize(static_cast<std::size_t>(got));
  return detect_whole_file_format(head);  // a literal: it outlives `head`
}

WholeFileSource::WholeFileSource(WholeFileSettings settings, TimeResolverSettings time,
                                 std::uint64_t position)
    : settings_(std::move(settings)), time_(std::move(time)), position_(position) {}

bool WholeFileSource::read(int fd, const Emit& emit) {
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    last_errno_ = errno;
    return false;
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size == 0 || size <= position_) return true;
  void* mapped = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (mapped == MAP_FAILED) {
    last_errno_ = errno;
    return false;
  }
  const std::string_view whole(static_cast<const char*>(mapped), size);
  auto reader =
      winevent::make_record_reader(settings_.format, whole, {position_, settings_.date_order});
  if (reader == nullptr) {
    munmap(mapped, size);
    last_errno_ = EINVAL;
    return false;
  }
  const auto now = std::chrono::time_point_cast<Nanoseconds>(std::chrono::system_clock::now());
  time_.set_reference(now);
  bool more = true;
  while (more) {
    batch_.clear();
    ParseContext ctx{time_, batch_.arena, settings_.host};
    while (batch_.size < settings_.batch_events) {
      Event& event = batch_.next_event();
      event.created = now;
      event.timestamp = now;
      event.source_path = settings_.path;
      event.input_name = settings_.input_name;
      if (!reader->next(event, ctx)) {
        batch_.discard_last();  // no record for the event just taken
        more = false;
        break;
      }
    }
    if (batch_.size == 0) break;
    batch_.end_position = reader->position();
    emit(batch_, reader->position());
  }
  position_ = reader->position();
  munmap(mapped, size);
  return true;
}

}  // namespace horolog
