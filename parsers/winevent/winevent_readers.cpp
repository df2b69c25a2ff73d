// One switch over the format names this folder implements.
#include "parsers/winevent/winevent_readers.h"

#include "parsers/winevent/evtx_reader.h"
#include "parsers/winevent/xml_event_reader.h"

namespace horolog::winevent {

std::unique_ptr<RecordReader> make_record_reader(std::string_view format, std::string_view input,
                                                 std::uint64_t resume_position) {
  if (format == "evtx") {
    const Bytes bytes(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
    return std::make_unique<EvtxReader>(bytes, resume_position);
  }
  if (format == "winevent-xml") return std::make_unique<XmlEventReader>(input, resume_position);
  return nullptr;
}

}  // namespace horolog::winevent
