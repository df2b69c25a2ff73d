// The record readers of the Windows event formats, by format name, for the agent's file input:
// these formats are read from a whole buffer (the file), not line by line.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "parsers/winevent/record_reader.h"

namespace horolog::winevent {

// A reader over `input` (the whole file, which must outlive the reader and its events) for
// format `evtx` or `winevent-xml`, resuming at `resume_position` (a position() value). nullptr
// for any other name.
std::unique_ptr<RecordReader> make_record_reader(std::string_view format, std::string_view input,
                                                 std::uint64_t resume_position = 0);

}  // namespace horolog::winevent
