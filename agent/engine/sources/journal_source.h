// Entries of systemd journal files as a record source, read with sd-journal: the local system
// journal, a directory of journal files, or journal files copied off another machine. Positions
// are journal cursors (and the count of entries read, for a file read whole by other inputs).
#pragma once

#include <systemd/sd-journal.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "agent/engine/sources/record_source.h"
#include "parsers/journal/journal_clock_steps.h"
#include "parsers/journal/journal_entry.h"

namespace horolog {

struct JournalSettings {
  // Which journal: these files, else this directory, else the descriptor of one journal file
  // (borrowed: the caller keeps it open), else the local system journal.
  std::vector<std::string> files;
  std::string directory;
  int fd = -1;
  std::string path;        // log.file.path of the entries
  std::string input_name;  // horolog.input
  std::string host;        // host.name of entries without _HOSTNAME
  // sd-journal matches, `FIELD=value`: the same field ORed, different fields ANDed.
  std::vector<std::string> matches;
  bool host_clock = false;  // entries stamped by this host's clock (the local journal)
  bool follow = false;      // new entries are read as they are written
  std::size_t batch_events = 1024;
  // Resume after this cursor; without one, skip this many entries (or start at the end).
  SourcePosition start;
  bool start_at_end = false;
};

class JournalSource final : public RecordSource {
 public:
  // Errors name what could not be opened (a file that is not a journal, a bad match).
  static Result<std::unique_ptr<JournalSource>> open(const FormatInfo& format,
                                                     JournalSettings settings);
  ~JournalSource() override;
  JournalSource(const JournalSource&) = delete;
  JournalSource& operator=(const JournalSource&) = delete;

  Result<SourceStatus> read(EventBatch& batch) override;
  const SourcePosition& position() const noexcept override { return position_; }
  void finish() noexcept override { settings_.follow = false; }
  const FormatInfo& format() const noexcept override { return format_; }
  std::uint64_t bytes_read() const noexcept override { return bytes_read_; }  // field data
  std::uint64_t stored_bytes_read() const noexcept override { return bytes_read_; }

  // The entry of the resume cursor was gone (vacuumed or rotated away): the source went on at
  // the oldest entry after it in time.
  bool resumed_past_gap() const noexcept { return resumed_past_gap_; }
  // How many entries that gap held, by sequence number (an upper bound when matches filter the
  // journal); 0 when the sequence numbers cannot tell (the files after it are of another series).
  std::uint64_t entries_lost() const noexcept { return entries_lost_; }
  // Entries missing from the sequence while reading (sd-journal skips damaged entries; journald
  // may vacuum files a slow reader has not reached): counted only without matches, which leave
  // gaps of their own.
  std::uint64_t entries_missing() const noexcept { return entries_missing_; }
  // The descriptor that becomes readable when the journal changes (sd_journal_get_fd).
  int change_fd() const noexcept { return change_fd_; }

 private:
  JournalSource(const FormatInfo& format, JournalSettings settings, sd_journal* journal);
  // Moves to where the settings say to start; true once done.
  Result<void> seek_start();
  // Reads the current entry into the batch (a clock-step event first, when the clock stepped).
  void read_entry(EventBatch& batch, SysNanos now);
  // Takes the current entry's cursor as the position; counts entries missing before it.
  void follow_sequence();
  void count_missing_tail();

  const FormatInfo& format_;
  JournalSettings settings_;
  sd_journal* journal_;
  int change_fd_ = -1;
  bool started_ = false;
  SourcePosition position_;
  std::uint64_t bytes_read_ = 0;
  std::uint64_t entries_lost_ = 0;
  bool resumed_past_gap_ = false;
  std::uint64_t entries_missing_ = 0;
  std::uint64_t missing_reported_ = 0;
  std::string series_;               // the sequence-number series of the last entry
  std::uint64_t last_sequence_ = 0;  // and its number
  bool tail_checked_ = false;
  JournalEntry entry_;
  JournalClockSteps clock_steps_;
  std::string damage_;  // what sd-journal could not read, reported once after the last batch
};

}  // namespace horolog
