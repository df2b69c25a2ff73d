// libFuzzer target for the NTP server audit's response parsers: mode 6 fragments (reassembled,
// their variables read) and mode 7 monlist headers, as a hostile server could send them.
#include <cstddef>
#include <cstdint>
#include <span>

#include "agent/commands/clock_audit/control_packet.h"
#include "agent/commands/clock_audit/monlist_packet.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace horolog::audit;
  const std::span<const std::uint8_t> input(data, size);
  if (const auto f = decode_monlist_response(input)) {
    if (std::size_t{f->items} * f->item_size > size - kModeSevenHeaderSize) __builtin_trap();
  }
  // The input as a stream of datagrams, each prefixed by one length byte, all fragments of one
  // READVAR response with the sequence of the first.
  ControlAssembly assembly;
  std::size_t at = 0;
  while (at < size) {
    const std::size_t length = std::min<std::size_t>(data[at], size - at - 1);
    const auto packet = input.subspan(at + 1, length);
    at += 1 + length;
    const std::uint16_t sequence =
        packet.size() >= 4 ? static_cast<std::uint16_t>((packet[2] << 8) | packet[3]) : 0;
    const auto fragment = decode_control_response(packet, ControlOpcode::read_variables, sequence);
    if (fragment && !assembly.add(*fragment)) break;
  }
  const std::string text = assembly.text();
  if (text.size() > ControlAssembly::kMaxBytes) __builtin_trap();
  for (const auto& [name, value] : control_variables(text)) {
    if (name.data() < text.data() || value.data() + value.size() > text.data() + text.size()) {
      __builtin_trap();
    }
  }
  return 0;
}
