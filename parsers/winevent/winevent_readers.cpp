// One switch over the format names this folder implements.
#include "parsers/winevent/winevent_readers.h"

#include "parsers/winevent/csv_event_reader.h"
#include "parsers/winevent/evtx_reader.h"
#include "parsers/winevent/json_event_reader.h"
#include "parsers/winevent/xml_event_reader.h"

namespace horolog::winevent {

std::unique_ptr<RecordReader> make_record_reader(std::string_view format, std::string_view input,
                                                 const RecordReaderOptions& options) {
  const std::uint64_t resume = options.resume_position;
  if (format == "evtx") {
    const Bytes bytes(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
    return std::make_unique<EvtxReader>(bytes, resume);
  }
  if (format == "winevent-xml") return std::make_unique<XmlEventReader>(input, resume);
  if (format == "winevent-json") return std::make_unique<JsonEventReader>(input, resume);
  if (format == "winevent-csv") {
    return std::make_unique<CsvEventReader>(input, options.date_order, resume);
  }
  return nullptr;
}

}  // namespace horolog::winevent
