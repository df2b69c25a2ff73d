// The file sink's outputs by rendered path. An output that is not open costs no descriptor: at
// most `max_open` are open at once (the least recently used one is closed to open another, and
// more when the process runs out of descriptors first), and idle outputs beyond `max_known` are
// forgotten, so a flood of distinct hosts can neither exhaust descriptors nor grow memory.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sinks/output_file.h"

namespace horolog {

class OutputLru {
 public:
  OutputLru(std::size_t max_open, std::size_t max_known);

  // The output for `key`, or null.
  OutputFile* find(const std::string& key);
  OutputFile& add(const std::string& key, std::unique_ptr<OutputFile> file);
  // OutputFile::open within the cap; marks `file` as the most recently used. 0 or an errno.
  int open(OutputFile& file);
  // Forgets the least recently used outputs with nothing pending until at most max_known remain.
  void forget_idle();
  void clear();  // closes and forgets every output

  std::size_t open_count() const;
  std::size_t size() const noexcept { return files_.size(); }

 private:
  void close_least_recent();

  std::size_t max_open_;
  std::size_t max_known_;
  std::uint64_t clock_ = 0;  // ticks once per use
  std::unordered_map<std::string, std::unique_ptr<OutputFile>> files_;
  std::vector<OutputFile*> open_;  // may hold files closed since: pruned before counting
};

}  // namespace horolog
