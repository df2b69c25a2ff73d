// NTP mode 6 control messages (RFC 9327): the requests an audit sends (READSTAT, READVAR, the
// MRU list) and the responses, reassembled from fragments by offset. Pure: no sockets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace horolog::audit {

inline constexpr std::size_t kControlHeaderSize = 12;
// ntpq's version for control messages; every daemon that speaks mode 6 accepts it.
inline constexpr std::uint8_t kControlVersion = 2;

enum class ControlOpcode : std::uint8_t {
  read_status = 1,     // association ids and status words: who the server follows
  read_variables = 2,  // name=value text; association 0 is the system (version, refid, ...)
  read_mru = 10,       // the most recently used client list (ntpd 4.2.8+, ntpsec)
  request_nonce = 12,  // the nonce read_mru requires, proof that we receive at our address
};

struct ControlRequest {
  ControlOpcode opcode = ControlOpcode::read_variables;
  std::uint16_t sequence = 0;
  std::uint16_t association = 0;
  std::string_view data;  // name=value text for read_mru
};

// The request, padded to a multiple of four bytes as ntpq sends it.
std::vector<std::uint8_t> encode_control_request(const ControlRequest& request);

struct ControlFragment {
  bool error = false;  // the E bit: status's high byte holds the error code
  bool more = false;   // the M bit: fragments with higher offsets follow
  std::uint16_t status = 0;
  std::uint16_t association = 0;
  std::uint16_t offset = 0;
  std::span<const std::uint8_t> data;  // view into the packet
};

// A response fragment to the request (`opcode`, `sequence`); nullopt for anything else: short,
// not mode 6, not a response, another opcode or sequence, a count beyond the packet.
std::optional<ControlFragment> decode_control_response(std::span<const std::uint8_t> packet,
                                                       ControlOpcode opcode,
                                                       std::uint16_t sequence) noexcept;

// Fragments of one response in any order, duplicates tolerated. The message is bounded so that
// a hostile server cannot make the audit hold much.
class ControlAssembly {
 public:
  static constexpr std::size_t kMaxBytes = std::size_t{64} * 1024;
  static constexpr std::size_t kMaxFragments = 256;

  // False when the fragment is refused: beyond the bounds, or past the end already announced.
  bool add(const ControlFragment& fragment);
  // The last fragment arrived and every byte before it too, or an error response.
  bool complete() const noexcept;
  bool error() const noexcept { return error_code_.has_value(); }
  std::uint8_t error_code() const noexcept { return error_code_.value_or(0); }
  std::size_t fragments() const noexcept { return fragments_; }
  // The data in offset order; holes (if incomplete) are left out.
  std::string text() const;

 private:
  std::map<std::uint16_t, std::string> parts_;
  std::optional<std::size_t> end_;
  std::optional<std::uint8_t> error_code_;
  std::size_t fragments_ = 0;
  std::size_t bytes_ = 0;
};

// `name=value` pairs of a READVAR or READ_MRU response text, values unquoted (a quoted value may
// hold commas). Malformed stretches are skipped, never read beyond the text.
std::vector<std::pair<std::string_view, std::string_view>> control_variables(std::string_view text);

// The value of `name`, if the text holds it.
std::optional<std::string_view> control_variable(std::string_view text, std::string_view name);

}  // namespace horolog::audit
