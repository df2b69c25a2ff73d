// Member names are the snapshot format's (version 1); a change line adds `"forget":true`.
#include "agent/engine/checkpoint_codec.h"

#include "sinks/json_string.h"

namespace horolog {

void append_checkpoint_json(std::string& out, const CheckpointChange& change) {
  const Checkpoint& c = change.checkpoint;
  out += "{\"input\":";
  append_json_string(out, c.input);
  if (change.forget) out += ",\"forget\":true";
  out += ",\"path\":";
  append_json_string(out, c.path);
  out += ",\"device\":" + std::to_string(c.identity.device) +
         ",\"inode\":" + std::to_string(c.identity.inode) +
         ",\"fingerprint\":" + std::to_string(c.identity.fingerprint) +
         ",\"fingerprint_length\":" + std::to_string(c.identity.fingerprint_length) +
         ",\"position\":" + std::to_string(c.position);
  if (!c.cursor.empty()) {
    out += ",\"cursor\":";
    append_json_string(out, c.cursor);
  }
  out += '}';
}

std::optional<CheckpointChange> decode_checkpoint(simdjson::dom::element object) {
  std::string_view input, path;
  std::uint64_t device = 0, inode = 0, fingerprint = 0, length = 0, position = 0;
  if (object["input"].get(input) || object["path"].get(path) || object["device"].get(device) ||
      object["inode"].get(inode) || object["fingerprint"].get(fingerprint) ||
      object["fingerprint_length"].get(length) || object["position"].get(position) ||
      length > kFingerprintBytes) {
    return std::nullopt;
  }
  CheckpointChange change;
  change.checkpoint = {std::string(input),
                       std::string(path),
                       {device, inode, fingerprint, static_cast<std::uint32_t>(length)},
                       position,
                       {}};
  std::string_view cursor;  // optional: only sources that resume by cursor write it
  if (!object["cursor"].get(cursor)) change.checkpoint.cursor = std::string(cursor);
  bool forget = false;
  change.forget = !object["forget"].get(forget) && forget;
  return change;
}

}  // namespace horolog
