// Signatures, most specific first. JSON counts as a Windows export only when it holds member
// names no other JSON log has together, so plain JSON lines stay with format `json`.
#include "parsers/detect/whole_file_detect.h"

#include "parsers/winevent/csv_date_time.h"
#include "parsers/winevent/csv_row_splitter.h"

namespace horolog {
namespace {

bool has_member(std::string_view text, std::string_view quoted_key) noexcept {
  return text.find(quoted_key) != std::string_view::npos;
}

bool looks_like_windows_json(std::string_view text) noexcept {
  const bool event_id = has_member(text, "\"EventID\":") || has_member(text, "\"Id\":");
  const bool provider = has_member(text, "\"ProviderName\":") ||
                        has_member(text, "\"SourceName\":") ||
                        has_member(text, "\"EventSourceName\":");
  return has_member(text, "\"winlog\":") || (event_id && provider) ||
         (has_member(text, "\"EventID\":") && has_member(text, "\"TimeGenerated\":"));
}

// A header of five names, then a row of six fields (the message is unnamed) with a date second.
bool looks_like_eventviewer_csv(std::string_view text) noexcept {
  winevent::CsvRow header, first;
  if (!winevent::next_csv_row(text, 0, header) || header.count != 5 ||
      !winevent::next_csv_row(text, header.next, first) || first.count != 6) {
    return false;
  }
  return winevent::csv_date_shape(first.fields[1].text).valid;
}

}  // namespace

std::string_view detect_whole_file_format(std::string_view head) noexcept {
  if (head.starts_with(std::string_view("ElfFile\0", 8))) return "evtx";
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  std::size_t pos = 0;
  while (pos < head.size() &&
         (head[pos] == ' ' || head[pos] == '\t' || head[pos] == '\r' || head[pos] == '\n')) {
    ++pos;
  }
  const std::string_view body = head.substr(pos);
  if (body.starts_with("<?xml") || body.starts_with("<Events") || body.starts_with("<Event ") ||
      body.starts_with("<Event>")) {
    return body.find("<Event") != std::string_view::npos &&
                   body.find("<System") != std::string_view::npos
               ? "winevent-xml"
               : std::string_view{};
  }
  if ((body.starts_with("[") || body.starts_with("{")) && looks_like_windows_json(body)) {
    return "winevent-json";
  }
  if (looks_like_eventviewer_csv(head)) return "winevent-csv";
  return {};
}

}  // namespace horolog
