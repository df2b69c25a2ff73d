// What the files an option names are to the agent (read, written, its own state), declared in
// describe() beside the option itself (v.files), so that the config can refuse an agent that would
// read what it writes, or two sinks writing one file.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace horolog::config {

// Every path a template can stand for: literal text, and pieces known only when a file is
// written (a field of an event within one path component, a rotation number, any path below a
// directory).
class PathShape {
 public:
  enum class Piece : unsigned char {
    literal,
    field,   // any text without '/', at least one character
    number,  // one or more digits
    below,   // any text, '/' included, at least one character
  };
  struct Part {
    Piece piece;
    std::string text;  // literal only
  };

  PathShape& literal(std::string_view text) {
    parts_.push_back({Piece::literal, std::string(text)});
    return *this;
  }
  PathShape& field() { return add(Piece::field); }
  PathShape& number() { return add(Piece::number); }
  PathShape& below() { return add(Piece::below); }

  // True when the shape's last part is literal text ending with `suffix`.
  bool ends_with(std::string_view suffix) const {
    return !parts_.empty() && parts_.back().piece == Piece::literal &&
           std::string_view(parts_.back().text).ends_with(suffix);
  }
  const std::vector<Part>& parts() const noexcept { return parts_; }

 private:
  PathShape& add(Piece piece) {
    parts_.push_back({piece, {}});
    return *this;
  }

  std::vector<Part> parts_;
};

enum class FileRole : unsigned char {
  reads,    // an input's glob patterns
  writes,   // a sink's own files (it rotates, compresses, trims them): nobody else may write them
  appends,  // whole lines appended and synced: others that append may share the file
  state,    // the agent's own state (checkpoints, its lock)
};

struct FileUse {
  FileRole role = FileRole::reads;
  std::vector<std::string> globs;    // reads: glob(3) patterns
  std::vector<std::string> exclude;  // reads: fnmatch(3) patterns (full path or last component)
                                     // of matches that are not read after all
  std::vector<PathShape> paths;      // writes, appends, state: every path

  static FileUse reading(std::vector<std::string> globs, std::vector<std::string> exclude) {
    return {FileRole::reads, std::move(globs), std::move(exclude), {}};
  }
  static FileUse using_paths(FileRole role, std::vector<PathShape> paths) {
    return {role, {}, {}, std::move(paths)};
  }
};

// A FileUse and where its option is in the config file.
struct FileClaim {
  std::string path;  // e.g. `inputs[0].paths`
  int line = 0;      // 1-based
  int column = 0;
  FileUse use;
};

}  // namespace horolog::config
