// Typed values of EVTX Binary XML (substitution values and value tokens) rendered as the text
// Windows shows in an event's XML, plus the raw number where the mapper wants it.
#pragma once

#include <cstdint>
#include <string_view>

#include "normalizer/string_arena.h"
#include "parsers/winevent/byte_cursor.h"
#include "parsers/winevent/xml_tree.h"

namespace horolog::winevent {

// Value type codes (MS-EVEN6 2.2.18 / libevtx "value types").
enum ValueType : std::uint8_t {
  kNull = 0x00,
  kString = 0x01,  // UTF-16LE
  kAnsiString = 0x02,
  kInt8 = 0x03,
  kUInt8 = 0x04,
  kInt16 = 0x05,
  kUInt16 = 0x06,
  kInt32 = 0x07,
  kUInt32 = 0x08,
  kInt64 = 0x09,
  kUInt64 = 0x0A,
  kReal32 = 0x0B,
  kReal64 = 0x0C,
  kBool = 0x0D,
  kBinary = 0x0E,
  kGuid = 0x0F,
  kSizeT = 0x10,
  kFiletime = 0x11,
  kSystemtime = 0x12,
  kSid = 0x13,
  kHexInt32 = 0x14,
  kHexInt64 = 0x15,
  kEvtHandle = 0x20,
  kBinXml = 0x21,
  kEvtXml = 0x23,
  kArrayFlag = 0x80,
};

struct RenderedValue {
  std::string_view text;
  RawKind raw_kind = RawKind::none;
  std::uint64_t raw = 0;
};

// Renders `data` as type `type` (arrays included, elements joined by ", "). Binary XML values
// (kBinXml) are not text: the decoder expands them; here they render empty. Data too short for
// its type renders as hex of what is there, so nothing is lost.
RenderedValue render_value(std::uint8_t type, Bytes data, StringArena& arena) noexcept;

}  // namespace horolog::winevent
