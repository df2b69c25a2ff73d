// The record readers of the Windows event formats, by format name, for the agent's file input:
// these formats are read from a whole buffer (the file), not line by line.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "parsers/winevent/date_order.h"
#include "parsers/winevent/record_reader.h"

namespace horolog::winevent {

// What a reader needs besides the bytes. The zone of local times (CSV) is the ParseContext's.
struct RecordReaderOptions {
  std::uint64_t resume_position = 0;  // a position() value of an earlier reader of this input
  DateOrder date_order = DateOrder::auto_detect;  // winevent-csv
};

// A reader over `input` (the whole file, which must outlive the reader and its events) for
// format `evtx`, `winevent-xml`, `winevent-json` or `winevent-csv`. nullptr for any other name.
std::unique_ptr<RecordReader> make_record_reader(std::string_view format, std::string_view input,
                                                 const RecordReaderOptions& options = {});

}  // namespace horolog::winevent
