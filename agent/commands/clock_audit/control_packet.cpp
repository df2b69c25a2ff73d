// Mode 6 codec: header layout of RFC 9327 §2, fragments placed by their offset field.
#include "agent/commands/clock_audit/control_packet.h"

#include <algorithm>

namespace horolog::audit {
namespace {

constexpr std::uint8_t kControlMode = 6;
constexpr std::uint8_t kResponseBit = 0x80;
constexpr std::uint8_t kErrorBit = 0x40;
constexpr std::uint8_t kMoreBit = 0x20;
constexpr std::uint8_t kOpcodeMask = 0x1f;

std::uint16_t read16(std::span<const std::uint8_t> p, std::size_t at) noexcept {
  return static_cast<std::uint16_t>((p[at] << 8) | p[at + 1]);
}

void write16(std::vector<std::uint8_t>& p, std::size_t at, std::uint16_t value) {
  p[at] = static_cast<std::uint8_t>(value >> 8);
  p[at + 1] = static_cast<std::uint8_t>(value);
}

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::vector<std::uint8_t> encode_control_request(const ControlRequest& request) {
  const std::size_t length = (kControlHeaderSize + request.data.size() + 3) & ~std::size_t{3};
  std::vector<std::uint8_t> packet(length, 0);
  packet[0] = static_cast<std::uint8_t>((kControlVersion << 3) | kControlMode);  // LI 0
  packet[1] = static_cast<std::uint8_t>(request.opcode);
  write16(packet, 2, request.sequence);
  write16(packet, 6, request.association);
  write16(packet, 10, static_cast<std::uint16_t>(request.data.size()));
  std::copy(request.data.begin(), request.data.end(), packet.begin() + kControlHeaderSize);
  return packet;
}

std::optional<ControlFragment> decode_control_response(std::span<const std::uint8_t> packet,
                                                       ControlOpcode opcode,
                                                       std::uint16_t sequence) noexcept {
  if (packet.size() < kControlHeaderSize) return std::nullopt;
  if ((packet[0] & 0x07) != kControlMode) return std::nullopt;
  const std::uint8_t flags = packet[1];
  if ((flags & kResponseBit) == 0) return std::nullopt;
  if ((flags & kOpcodeMask) != static_cast<std::uint8_t>(opcode)) return std::nullopt;
  if (read16(packet, 2) != sequence) return std::nullopt;
  const std::uint16_t count = read16(packet, 10);
  if (count > packet.size() - kControlHeaderSize) return std::nullopt;
  ControlFragment f;
  f.error = (flags & kErrorBit) != 0;
  f.more = (flags & kMoreBit) != 0;
  f.status = read16(packet, 4);
  f.association = read16(packet, 6);
  f.offset = read16(packet, 8);
  f.data = packet.subspan(kControlHeaderSize, count);
  return f;
}

bool ControlAssembly::add(const ControlFragment& fragment) {
  if (fragment.error) {
    error_code_ = static_cast<std::uint8_t>(fragment.status >> 8);
    ++fragments_;
    return true;
  }
  const std::size_t end = std::size_t{fragment.offset} + fragment.data.size();
  if (fragments_ >= kMaxFragments || bytes_ + fragment.data.size() > kMaxBytes) return false;
  if (end_ && (end > *end_ || (!fragment.more && end != *end_))) return false;
  if (!fragment.more) {
    // The last fragment fixes the length: data already placed beyond it is a contradiction.
    for (const auto& [offset, data] : parts_) {
      if (offset + data.size() > end) return false;
    }
    end_ = end;
  }
  auto [it, inserted] = parts_.try_emplace(
      fragment.offset, reinterpret_cast<const char*>(fragment.data.data()), fragment.data.size());
  if (inserted) bytes_ += fragment.data.size();
  ++fragments_;
  return true;
}

bool ControlAssembly::complete() const noexcept {
  if (error_code_) return true;
  if (!end_) return false;
  std::size_t covered = 0;
  for (const auto& [offset, data] : parts_) {
    if (offset > covered) return false;
    covered = std::max(covered, offset + data.size());
  }
  return covered >= *end_;
}

std::string ControlAssembly::text() const {
  std::string out;
  for (const auto& [offset, data] : parts_) {
    if (offset > out.size()) continue;  // a hole: what follows it is not contiguous text
    if (offset + data.size() > out.size()) out += data.substr(out.size() - offset);
  }
  return out;
}

std::vector<std::pair<std::string_view, std::string_view>> control_variables(
    std::string_view text) {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (is_space(text[i]) || text[i] == ',')) ++i;
    const std::size_t name_start = i;
    while (i < text.size() && text[i] != '=' && text[i] != ',') ++i;
    std::string_view name = text.substr(name_start, i - name_start);
    while (!name.empty() && is_space(name.back())) name.remove_suffix(1);
    if (i >= text.size() || text[i] == ',') {
      if (!name.empty()) out.emplace_back(name, std::string_view());
      continue;
    }
    ++i;  // '='
    std::string_view value;
    if (i < text.size() && text[i] == '"') {
      const std::size_t close = text.find('"', i + 1);
      const std::size_t stop = close == std::string_view::npos ? text.size() : close;
      value = text.substr(i + 1, stop - i - 1);
      i = stop == text.size() ? stop : stop + 1;
    } else {
      const std::size_t comma = std::min(text.find(',', i), text.size());
      value = text.substr(i, comma - i);
      while (!value.empty() && is_space(value.back())) value.remove_suffix(1);
      i = comma;
    }
    if (!name.empty()) out.emplace_back(name, value);
  }
  return out;
}

std::optional<std::string_view> control_variable(std::string_view text, std::string_view name) {
  for (const auto& [key, value] : control_variables(text)) {
    if (key == name) return value;
  }
  return std::nullopt;
}

}  // namespace horolog::audit
