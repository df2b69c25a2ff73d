// Signatures of the Windows event files. The format table tries them most specific first.
#include "parsers/winevent/export_sniff.h"

#include "parsers/winevent/csv_date_time.h"
#include "parsers/winevent/csv_row_splitter.h"

namespace horolog::winevent {
namespace {

std::string_view without_bom(std::string_view head) noexcept {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  return head;
}

// The text after a BOM and leading white space, where a document's first element starts.
std::string_view document_body(std::string_view head) noexcept {
  head = without_bom(head);
  std::size_t pos = 0;
  while (pos < head.size() &&
         (head[pos] == ' ' || head[pos] == '\t' || head[pos] == '\r' || head[pos] == '\n')) {
    ++pos;
  }
  return head.substr(pos);
}

bool has_member(std::string_view text, std::string_view quoted_key) noexcept {
  return text.find(quoted_key) != std::string_view::npos;
}

}  // namespace

bool looks_like_evtx(std::string_view head) noexcept {
  return head.starts_with(std::string_view("ElfFile\0", 8));
}

bool looks_like_event_xml(std::string_view head) noexcept {
  const std::string_view body = document_body(head);
  const bool xml_start = body.starts_with("<?xml") || body.starts_with("<Events") ||
                         body.starts_with("<Event ") || body.starts_with("<Event>");
  return xml_start && body.find("<Event") != std::string_view::npos &&
         body.find("<System") != std::string_view::npos;
}

bool looks_like_event_json(std::string_view head) noexcept {
  const std::string_view text = document_body(head);
  if (!text.starts_with("[") && !text.starts_with("{")) return false;
  const bool event_id = has_member(text, "\"EventID\":") || has_member(text, "\"Id\":");
  const bool provider = has_member(text, "\"ProviderName\":") ||
                        has_member(text, "\"SourceName\":") ||
                        has_member(text, "\"EventSourceName\":");
  return has_member(text, "\"winlog\":") || (event_id && provider) ||
         (has_member(text, "\"EventID\":") && has_member(text, "\"TimeGenerated\":"));
}

bool looks_like_eventviewer_csv(std::string_view head) noexcept {
  head = without_bom(head);
  CsvRow header, first;
  if (!next_csv_row(head, 0, header) || header.count != 5 ||
      !next_csv_row(head, header.next, first) || first.count != 6) {
    return false;
  }
  return csv_date_shape(first.fields[1].text).valid;
}

}  // namespace horolog::winevent
