// Recency is a use counter per output; evictions scan the open outputs (at most max_open), which
// costs nothing next to the open(2) it makes room for.
#include "sinks/output_lru.h"

#include <algorithm>
#include <cerrno>

namespace horolog {

OutputLru::OutputLru(std::size_t max_open, std::size_t max_known)
    : max_open_(std::max<std::size_t>(max_open, 1)), max_known_(max_known) {}

OutputFile* OutputLru::find(const std::string& key) {
  auto it = files_.find(key);
  return it == files_.end() ? nullptr : it->second.get();
}

OutputFile& OutputLru::add(const std::string& key, std::unique_ptr<OutputFile> file) {
  return *files_.insert_or_assign(key, std::move(file)).first->second;
}

int OutputLru::open(OutputFile& file) {
  file.set_last_used(++clock_);
  if (file.is_open()) return 0;
  std::erase_if(open_, [](const OutputFile* f) { return !f->is_open(); });
  while (open_.size() >= max_open_) close_least_recent();
  int rc = file.open();
  // The descriptor limit (ulimit -n) may be below max_open: give descriptors back until it fits.
  while ((rc == EMFILE || rc == ENFILE) && !open_.empty()) {
    close_least_recent();
    rc = file.open();
  }
  if (rc == 0) open_.push_back(&file);
  return rc;
}

void OutputLru::close_least_recent() {
  auto oldest = std::min_element(open_.begin(), open_.end(), [](const auto* a, const auto* b) {
    return a->last_used() < b->last_used();
  });
  (*oldest)->close();
  (*oldest)->trim();
  *oldest = open_.back();
  open_.pop_back();
}

void OutputLru::forget_idle() {
  if (files_.size() <= max_known_) return;
  using Entry = decltype(files_)::iterator;
  std::vector<Entry> idle;
  for (auto it = files_.begin(); it != files_.end(); ++it) {
    if (it->second->pending_size() == 0) idle.push_back(it);
  }
  const std::size_t excess = std::min(files_.size() - max_known_, idle.size());
  std::nth_element(
      idle.begin(), idle.begin() + static_cast<std::ptrdiff_t>(excess), idle.end(),
      [](Entry a, Entry b) { return a->second->last_used() < b->second->last_used(); });
  idle.resize(excess);
  for (Entry it : idle) it->second->close();
  std::erase_if(open_, [](const OutputFile* f) { return !f->is_open(); });
  for (Entry it : idle) files_.erase(it);
}

void OutputLru::clear() {
  open_.clear();
  files_.clear();
}

std::size_t OutputLru::open_count() const {
  return static_cast<std::size_t>(
      std::count_if(open_.begin(), open_.end(), [](const OutputFile* f) { return f->is_open(); }));
}

}  // namespace horolog
