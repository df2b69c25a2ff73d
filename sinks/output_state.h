// The file sink's record of what it wrote, kept in the state directory across restarts: per
// output written by the batch in flight, which file it is and where the data of the last
// acknowledged batch ends. Saved before a batch is acknowledged, and once before a batch goes to
// a file the record does not hold yet. At the next start, bytes past that end in the same file
// are what a crash left of a batch never acknowledged (it is delivered again): they, and only
// they, are cut.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "normalizer/error.h"
#include "sinks/output_file.h"

namespace horolog {

struct OutputRecord {
  std::string path;
  OutputIdentity identity;
  std::uint64_t size = 0;  // end of the acknowledged data
};

// Saves are atomic without a rename per batch (which costs a file system transaction): each save
// appends one block, its length and checksum in its first line, and the last whole block is the
// state. A save cut short by a crash leaves the block before it in force. The file is rewritten
// (temporary file and rename) at start and whenever it has grown past 64 KiB.
class OutputState {
 public:
  explicit OutputState(std::string path);
  ~OutputState();
  OutputState(const OutputState&) = delete;
  OutputState& operator=(const OutputState&) = delete;

  // Takes the state for this process for as long as the object lives (a lock on PATH.lock):
  // two processes saving one state would each make the other repair the wrong sizes. EAGAIN
  // when another process holds it, else 0 or an errno.
  int lock();

  // The records of the last whole save; none when there is no state file yet. corrupt when the
  // file does not start with a block.
  Result<std::vector<OutputRecord>> load() const;

  // A save writes exactly the records added since the previous save.
  void add(std::string_view path, const OutputIdentity& identity, std::uint64_t size);
  // `durable` adds the syncs that make the save survive power loss. Returns 0 or an errno.
  int save(bool durable);

  const std::string& path() const noexcept { return path_; }

 private:
  int rewrite(bool durable);  // the file anew, holding only the current block

  std::string path_;
  std::string temp_path_;
  int lock_fd_ = -1;
  int fd_ = -1;             // open for appending after the first save
  std::uint64_t size_ = 0;  // of the file, when open
  std::string records_;     // added since the last save, as written
  std::string block_;       // the block being saved
};

// Cuts each recorded file that is still the same file (device, inode, birth time) back to its
// recorded size when it is longer, and logs what it cut; `sink` names the sink in the log. Files
// that are not the recorded ones, or no longer than recorded, are left untouched.
void repair_outputs(const std::vector<OutputRecord>& records, std::string_view sink);

}  // namespace horolog
