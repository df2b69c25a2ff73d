// One checkpoint as JSON text, as the snapshot lists it and as each line of the change log holds
// it; and back. Flat objects of numbers and names, written by hand, read with simdjson.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>

#include "agent/engine/file_identity.h"

namespace horolog {

struct Checkpoint {
  std::string input;  // the input that read the file
  std::string path;   // last known name (information only; identity decides)
  FileIdentity identity;
  std::uint64_t position = 0;
  std::string cursor;  // sources that resume by cursor (the journal); empty for files
};

// A line of the change log: a checkpoint set, or one forgotten (only input and identity count).
struct CheckpointChange {
  Checkpoint checkpoint;
  bool forget = false;
};

// Appends the change as one JSON object (no newline).
void append_checkpoint_json(std::string& out, const CheckpointChange& change);

// The change an object holds; nullopt when a member is missing or out of range.
std::optional<CheckpointChange> decode_checkpoint(simdjson::dom::element object);

}  // namespace horolog
