// Every pattern runs as a set of active steps (a subset construction, so that an exclusion is
// judged on all its ways to match), all of them in step over the same path, byte by byte; the
// search visits each combination of sets once. Bytes that no step tells apart are tried once.
#include "agent/config/path_overlap.h"

#include <algorithm>
#include <bitset>
#include <deque>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

namespace horolog {

namespace {

// The active positions of one pattern: index i = before step i, size() = the whole pattern read.
using Positions = std::vector<bool>;

void close(const PathPattern& pattern, Positions& active) {
  for (std::size_t i = 0; i < pattern.steps.size(); ++i) {
    if (active[i] && pattern.steps[i].repeats) active[i + 1] = true;  // it may read nothing
  }
}

Positions start(const PathPattern& pattern) {
  Positions active(pattern.steps.size() + 1, false);
  active[0] = true;
  close(pattern, active);
  return active;
}

Positions advance(const PathPattern& pattern, const Positions& active, unsigned char byte,
                  bool component_start) {
  if (pattern.last_component_only && byte == '/') return start(pattern);
  Positions next(active.size(), false);
  for (std::size_t i = 0; i < pattern.steps.size(); ++i) {
    const PathPattern::Step& step = pattern.steps[i];
    if (!active[i] || !step.bytes[byte]) continue;
    if (step.not_leading_dot && component_start && byte == '.') continue;
    next[step.repeats ? i : i + 1] = true;
  }
  close(pattern, next);
  return next;
}

bool none(const Positions& active) {
  for (bool on : active) {
    if (on) return false;
  }
  return true;
}

// One byte for each class of bytes that every step of every pattern treats alike.
std::vector<unsigned char> alphabet(const std::vector<const PathPattern*>& patterns) {
  std::vector<std::bitset<256>> sets;
  for (const PathPattern* pattern : patterns) {
    for (const PathPattern::Step& step : pattern->steps) {
      if (std::find(sets.begin(), sets.end(), step.bytes) == sets.end()) sets.push_back(step.bytes);
    }
  }
  std::map<std::vector<bool>, unsigned char> classes;
  for (unsigned byte = 1; byte < 256; ++byte) {
    std::vector<bool> signature = {byte == '/', byte == '.'};
    for (const std::bitset<256>& set : sets) signature.push_back(set[byte]);
    classes.emplace(std::move(signature), static_cast<unsigned char>(byte));
  }
  std::vector<unsigned char> bytes;
  bytes.reserve(classes.size());
  for (const auto& [signature, byte] : classes) bytes.push_back(byte);
  return bytes;
}

struct State {
  std::vector<Positions> active;  // one per pattern: a, b, then the exclusions
  bool component_start = true;

  std::string key() const {
    std::string key(1, component_start ? '1' : '0');
    for (const Positions& positions : active) {
      for (bool on : positions) key += on ? '1' : '0';
      key += '|';
    }
    return key;
  }
};

}  // namespace

bool share_a_path(const PathPattern& a, const PathPattern& b,
                  std::span<const PathPattern> excluded) {
  std::vector<const PathPattern*> patterns = {&a, &b};
  for (const PathPattern& pattern : excluded) patterns.push_back(&pattern);
  const std::vector<unsigned char> bytes = alphabet(patterns);

  State first;
  for (const PathPattern* pattern : patterns) first.active.push_back(start(*pattern));
  std::unordered_set<std::string> seen = {first.key()};
  std::deque<State> queue = {std::move(first)};
  while (!queue.empty()) {
    const State state = std::move(queue.front());
    queue.pop_front();
    bool found = state.active[0].back() && state.active[1].back();
    for (std::size_t i = 2; found && i < patterns.size(); ++i) found = !state.active[i].back();
    if (found) return true;
    for (unsigned char byte : bytes) {
      State next;
      next.component_start = byte == '/';
      for (std::size_t i = 0; i < patterns.size(); ++i) {
        next.active.push_back(advance(*patterns[i], state.active[i], byte, state.component_start));
      }
      if (none(next.active[0]) || none(next.active[1])) continue;
      if (seen.insert(next.key()).second) queue.push_back(std::move(next));
    }
  }
  return false;
}

}  // namespace horolog
