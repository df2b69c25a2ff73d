// One file the file input follows: who it is, where it stands, and, while it is open, its
// descriptor, its source and its window of batches in flight. A file may be closed while it is
// idle (to stay within the descriptor budget) and opened again, by identity, when it grows.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "agent/engine/delivery_window.h"
#include "agent/engine/file_identity.h"
#include "agent/engine/sources/record_source.h"

namespace horolog {

struct TrackedFile {
  using Clock = std::chrono::steady_clock;

  std::string path;
  FileIdentity identity;       // device and inode from the first stat; the fingerprint once opened
  bool identified = false;     // the fingerprint is known (the file was opened)
  bool seen_at_start = false;  // found by the first scan: read_from applies

  int fd = -1;                           // while open; before `source`, which borrows it
  bool holds_budget = false;             // the fd counts against the descriptor budget
  std::unique_ptr<RecordSource> source;  // while open
  std::uint64_t resume_position = 0;     // where a closed file's source stood
  // Completions point at it, so it lives as long as the file is tracked, open or not.
  std::unique_ptr<DeliveryWindow> window;
  std::uint64_t next_sequence = 1;
  // The last read stopped because the window was full (its batches not acknowledged yet, e.g.
  // held by a sink): the rest is read after the input is woken, without holding a worker.
  bool paused = false;

  // Set once the path no longer leads to this file (renamed away or deleted): the file is read
  // until it has been quiet for rotate_wait (counted from when that was noticed), then released.
  bool detached = false;
  Clock::time_point detached_at{};
  // Set when the content under this inode no longer starts as it did (copytruncate).
  bool replaced = false;
  bool replacement_counted = false;
  Clock::time_point last_data = Clock::now();
  bool read_once = false;  // --once: read to its end and drained

  bool is_open() const noexcept { return source != nullptr; }
  std::uint64_t position() const noexcept {
    return source ? source->position().offset : resume_position;
  }
};

}  // namespace horolog
