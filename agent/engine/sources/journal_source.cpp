// sd-journal does the reading (file format, compression, merging files in order, following);
// this walks it in batches, copies each entry's fields into the batch and keeps the cursor.
#include "agent/engine/sources/journal_source.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <systemd/sd-id128.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "normalizer/printable_text.h"
#include "parsers/ntp/clock_events.h"

namespace horolog {

namespace {

SysNanos now_ns() {
  return std::chrono::time_point_cast<Nanoseconds>(std::chrono::system_clock::now());
}

std::string errno_text(int negative_errno) { return std::strerror(-negative_errno); }

// The sequence number (`i=`, hex) and its series (`s=`) of a cursor; 0 and "" when absent.
// Read for every entry: views into the cursor, nothing allocated.
struct CursorSequence {
  std::string_view series;
  std::uint64_t number = 0;
};

CursorSequence sequence_of(std::string_view cursor) {
  CursorSequence out;
  while (!cursor.empty()) {
    const std::size_t end = std::min(cursor.find(';'), cursor.size());
    const std::string_view part = cursor.substr(0, end);
    if (part.starts_with("s=")) out.series = part.substr(2);
    if (part.starts_with("i="))
      std::from_chars(part.data() + 2, part.data() + part.size(), out.number, 16);
    cursor.remove_prefix(std::min(end + 1, cursor.size()));
  }
  return out;
}

Result<std::string> current_cursor(sd_journal* journal) {
  char* cursor = nullptr;
  if (const int r = sd_journal_get_cursor(journal, &cursor); r < 0) {
    return fail(ErrorCode::io, "cannot get the journal cursor: " + errno_text(r));
  }
  std::string out(cursor);
  std::free(cursor);
  return out;
}

}  // namespace

Result<std::unique_ptr<JournalSource>> JournalSource::open(const FormatInfo& format,
                                                           JournalSettings settings) {
  sd_journal* journal = nullptr;
  int r = 0;
  std::string what;
  if (!settings.files.empty()) {
    std::vector<const char*> paths;
    for (const std::string& file : settings.files) paths.push_back(file.c_str());
    paths.push_back(nullptr);
    r = sd_journal_open_files(&journal, paths.data(), 0);
    what = settings.files.front();
  } else if (!settings.directory.empty()) {
    r = sd_journal_open_directory(&journal, settings.directory.c_str(), 0);
    what = settings.directory;
  } else if (settings.fd >= 0) {
    int fds[] = {settings.fd};
    r = sd_journal_open_files_fd(&journal, fds, 1, 0);
    what = settings.path;
  } else {
    r = sd_journal_open(&journal, SD_JOURNAL_LOCAL_ONLY);
    what = "the system journal";
  }
  if (r < 0) {
    return fail(ErrorCode::io, "cannot open " + what + " as a journal: " + errno_text(r));
  }
  auto source =
      std::unique_ptr<JournalSource>(new JournalSource(format, std::move(settings), journal));
  for (const std::string& match : source->settings_.matches) {
    if (const int m = sd_journal_add_match(journal, match.data(), match.size()); m < 0) {
      return fail(ErrorCode::invalid_config,
                  "journal match `" + match + "`: " + errno_text(m) + " (FIELD=value expected)");
    }
  }
  if (source->settings_.follow) {
    // Sets up sd-journal's inotify watches: it then notices new and rotated files.
    source->change_fd_ = sd_journal_get_fd(journal);
  }
  return source;
}

JournalSource::JournalSource(const FormatInfo& format, JournalSettings settings,
                             sd_journal* journal)
    : format_(format), settings_(std::move(settings)), journal_(journal) {
  position_ = settings_.start;
}

JournalSource::~JournalSource() { sd_journal_close(journal_); }

Result<void> JournalSource::seek_start() {
  const SourcePosition& start = settings_.start;
  if (!start.cursor.empty()) {
    int r = sd_journal_seek_cursor(journal_, start.cursor.c_str());
    if (r < 0) return fail(ErrorCode::corrupt, "bad journal cursor: " + errno_text(r));
    r = sd_journal_next(journal_);
    if (r < 0) return fail(ErrorCode::io, "cannot read the journal: " + errno_text(r));
    if (r == 0) return {};                                             // nothing after it yet
    if (sd_journal_test_cursor(journal_, start.cursor.c_str()) > 0) {  // read already: go on
      const CursorSequence was = sequence_of(start.cursor);
      series_ = was.series;
      last_sequence_ = was.number;
      return {};
    }
    // The entry is gone: journald vacuumed or rotated it away. sd-journal stands on the next
    // entry in time; the sequence numbers say how many went in between.
    Result<std::string> here = current_cursor(journal_);
    const CursorSequence was = sequence_of(start.cursor);
    const CursorSequence now = here ? sequence_of(*here) : CursorSequence{};
    if (was.series == now.series && now.number > was.number + 1) {
      entries_lost_ = now.number - was.number - 1;
    }
    resumed_past_gap_ = true;
    spdlog::warn(
        "input {}: the journal no longer holds the last entry delivered (vacuumed or "
        "rotated away); resuming at the oldest entry after it; {} lost",
        settings_.input_name,
        entries_lost_ > 0 ? std::to_string(entries_lost_) + " entries"
                          : std::string("an unknown number of entries"));
    // Read the entry it stands on: step back so that the next sd_journal_next() returns it.
    if (sd_journal_previous(journal_) == 0) sd_journal_seek_head(journal_);
    return {};
  }
  if (start.offset > 0) {
    const int r = sd_journal_next_skip(journal_, start.offset);
    if (r < 0) return fail(ErrorCode::io, "cannot read the journal: " + errno_text(r));
    return {};
  }
  if (settings_.start_at_end) {
    sd_journal_seek_tail(journal_);
    // Stand on the last entry, so the next sd_journal_next() returns only what comes after.
    sd_journal_previous(journal_);
    return {};
  }
  sd_journal_seek_head(journal_);
  return {};
}

void JournalSource::read_entry(EventBatch& batch, SysNanos now) {
  entry_.fields.clear();
  sd_journal_restart_data(journal_);
  const void* data = nullptr;
  std::size_t length = 0;
  int r = 0;
  // Fields that cannot be read (a damaged or unsupported compressed object) are skipped by
  // sd-journal; the data buffer is reused by the next call, so each field is copied now.
  while ((r = sd_journal_enumerate_available_data(journal_, &data, &length)) > 0) {
    entry_.fields.push_back(batch.arena.copy({static_cast<const char*>(data), length}));
    bytes_read_ += length;
  }
  std::uint64_t realtime = 0, monotonic = 0;
  sd_id128_t boot{};
  sd_journal_get_realtime_usec(journal_, &realtime);
  sd_journal_get_monotonic_usec(journal_, &monotonic, &boot);
  char boot_text[SD_ID128_STRING_MAX];
  sd_id128_to_string(boot, boot_text);
  entry_.realtime_us = realtime;
  entry_.monotonic_us = monotonic;
  entry_.boot_id = batch.arena.copy(boot_text);

  const auto step = clock_steps_.observe(entry_.boot_id, realtime, monotonic);
  if (step) {
    Event& event = batch.next_event();
    event.created = now;
    event.timestamp = SysNanos(std::chrono::microseconds(realtime));
    event.precision_digits = 6;
    event.dataset = kDatasetJournal;
    event.host = settings_.host;
    event.source_path = settings_.path;
    event.input_name = settings_.input_name;
    event.offset = position_.offset;
    const double seconds = static_cast<double>(*step) / 1e6;
    char text[160];
    const int n = std::snprintf(text, sizeof text,
                                "wall clock stepped by %+.6f s (journal: boot %s, the monotonic "
                                "clock went on)",
                                seconds, boot_text);
    event.message = batch.arena.copy({text, static_cast<std::size_t>(n)});
    event.add("event.kind", FieldValue::string("event"));
    event.add("event.category", FieldValue::string("time"));
    event.add("event.action", FieldValue::string("clock_step"));
    event.add("horolog.clock.step_s", FieldValue::float64(seconds));
    event.add("host.boot.id", FieldValue::string(entry_.boot_id));
    event.clock_change.has_step = true;
    event.clock_change.step = std::chrono::microseconds(*step);
    event.clock_change.has_readings = true;
    event.clock_change.next = event.timestamp;
    event.clock_change.previous = event.timestamp - event.clock_change.step;
  }
  Event& event = batch.next_event();
  event.created = now;
  event.source_path = settings_.path;
  event.input_name = settings_.input_name;
  event.offset = position_.offset;
  map_journal_entry(entry_, settings_.host_clock, batch.arena, event);
  if (event.host.empty()) event.host = settings_.host;
  if (step) {
    event.time_flags.set(TimeFlag::clock_stepped);  // the first entry on the new clock
    Event& step_event = *(batch.end() - 2);
    step_event.host = event.host;  // the journal's host
    // Who stepped the clock is not in the journal; a time daemon logs its step at once, so the
    // first entry on the new clock being one of its own says the step was a synchronization.
    step_event.clock_change.by =
        ntp::is_time_daemon(event.app) ? ClockChange::By::time_service : ClockChange::By::other;
    step_event.add("horolog.clock.changed_by",
                   FieldValue::string(to_string(step_event.clock_change.by)));
  }
  if (r < 0 && damage_.empty()) {
    damage_ = "entry " + std::to_string(position_.offset + 1) +
              " could not be read whole: " + errno_text(r);
  }
}

// sd-journal ends quietly where a damaged entry array stops it; the file's header says which
// sequence number its last entry has. Only for one file read once without matches.
void JournalSource::count_missing_tail() {
  if (tail_checked_ || !settings_.matches.empty()) return;
  tail_checked_ = true;
  int fd = settings_.fd;
  if (fd < 0 && settings_.files.size() == 1) {
    fd = ::open(settings_.files.front().c_str(), O_RDONLY | O_CLOEXEC);
  } else if (fd < 0) {
    return;
  }
  // systemd's journal-def.h: seqnum_id at 72 (16 bytes), tail_entry_seqnum at 160.
  unsigned char header[176];
  const bool read_header = ::pread(fd, header, sizeof header, 0) == sizeof header;
  if (fd != settings_.fd) ::close(fd);
  if (!read_header) return;
  sd_id128_t series{};
  std::memcpy(series.bytes, header + 72, sizeof series.bytes);
  char series_text[SD_ID128_STRING_MAX];
  sd_id128_to_string(series, series_text);
  const auto number_at = [&](std::size_t at) {
    std::uint64_t value = 0;
    for (std::size_t i = 8; i-- > 0;) value = (value << 8) | header[at + i];
    return value;
  };
  const std::uint64_t entries = number_at(152);
  const std::uint64_t tail = number_at(160);
  if (series_.empty()) {
    entries_missing_ += entries;  // not one entry could be read
  } else if (series_ == series_text && tail > last_sequence_) {
    entries_missing_ += tail - last_sequence_;
  }
}

void JournalSource::follow_sequence() {
  Result<std::string> cursor = current_cursor(journal_);
  if (!cursor) return;
  position_.cursor = std::move(*cursor);
  const CursorSequence here = sequence_of(position_.cursor);
  if (here.series == series_) {
    if (settings_.matches.empty() && here.number > last_sequence_ + 1) {
      entries_missing_ += here.number - last_sequence_ - 1;
    }
  } else {
    series_ = here.series;
  }
  last_sequence_ = here.number;
}

Result<SourceStatus> JournalSource::read(EventBatch& batch) {
  batch.clear();
  if (!damage_.empty()) {
    return fail(ErrorCode::corrupt, settings_.path + ": " + std::exchange(damage_, {}));
  }
  if (!started_) {
    if (Result<void> at = seek_start(); !at) return fail(at.error().within(settings_.path));
    started_ = true;
  }
  if (settings_.follow) sd_journal_process(journal_);
  const SysNanos now = now_ns();
  bool moved = false;
  while (batch.size < settings_.batch_events) {
    const int r = sd_journal_next(journal_);
    if (r < 0) {
      // A damaged file: what came before is delivered, the damage reported after it.
      damage_ = "cannot read past entry " + std::to_string(position_.offset) + ": " + errno_text(r);
      break;
    }
    if (r == 0) {
      if (!settings_.follow) count_missing_tail();
      break;
    }
    read_entry(batch, now);
    ++position_.offset;
    follow_sequence();
    moved = true;
  }
  if (entries_missing_ > missing_reported_ && damage_.empty()) {
    const std::uint64_t missing =
        entries_missing_ - std::exchange(missing_reported_, entries_missing_);
    damage_ = std::to_string(missing) + " entr" + (missing == 1 ? "y" : "ies") +
              " missing from the sequence (damaged, or removed before they were read)";
  }
  if (moved) return SourceStatus::batch;
  if (!damage_.empty()) return read(batch);
  return settings_.follow ? SourceStatus::idle : SourceStatus::end;
}

}  // namespace horolog
