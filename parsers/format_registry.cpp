// The format table: one row per format, in the order the reference lists them.
#include "parsers/format_registry.h"

#include <algorithm>

#include "parsers/detect/auto_parser.h"
#include "parsers/journal/journal_entry.h"
#include "parsers/json/json_lines_parser.h"
#include "parsers/ntp/ntpd_log_parser.h"
#include "parsers/ntp/stats_parser.h"
#include "parsers/regex/regex_parser.h"
#include "parsers/syslog/rfc3164_parser.h"
#include "parsers/syslog/rfc5424_parser.h"
#include "parsers/syslog/syslog_parser.h"
#include "parsers/winevent/csv_event_reader.h"
#include "parsers/winevent/evtx_reader.h"
#include "parsers/winevent/export_sniff.h"
#include "parsers/winevent/json_event_reader.h"
#include "parsers/winevent/xml_event_reader.h"

namespace horolog {
namespace {

using ntp::StatsKind;

template <class P>
Result<std::unique_ptr<Parser>> make_plain(const ParserOptions&) {
  return std::make_unique<P>();
}

// Parsers whose options can be wrong: P::create checks them.
template <class P>
Result<std::unique_ptr<Parser>> make_configured(const ParserOptions& options) {
  return P::create(options);
}

template <StatsKind K>
Result<std::unique_ptr<Parser>> make_stats(const ParserOptions&) {
  return std::make_unique<NtpStatsParser>(K);
}

std::unique_ptr<RecordReader> make_evtx(std::string_view input, std::uint64_t resume,
                                        const ParserOptions&) {
  const winevent::Bytes bytes(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
  return std::make_unique<winevent::EvtxReader>(bytes, resume);
}

std::unique_ptr<RecordReader> make_xml(std::string_view input, std::uint64_t resume,
                                       const ParserOptions&) {
  return std::make_unique<winevent::XmlEventReader>(input, resume);
}

std::unique_ptr<RecordReader> make_json(std::string_view input, std::uint64_t resume,
                                        const ParserOptions&) {
  return std::make_unique<winevent::JsonEventReader>(input, resume);
}

std::unique_ptr<RecordReader> make_csv(std::string_view input, std::uint64_t resume,
                                       const ParserOptions& options) {
  return std::make_unique<winevent::CsvEventReader>(input, options.date_order, resume);
}

constexpr RecordFraming kLines = RecordFraming::lines;
constexpr RecordFraming kWholeFile = RecordFraming::whole_file;

// A journal file starts with its signature (systemd's journal-def.h).
bool looks_like_journal(std::string_view head) noexcept { return head.starts_with("LPKSHHRH"); }

constexpr FormatInfo kFormats[] = {
    {"auto", "auto",
     "Windows event files by their first bytes; else detected from the first recognised "
     "record, mixed files falling back per record",
     kLines, &make_configured<AutoParser>},
    {"syslog", "syslog", "RFC 5424, BSD syslog or ntpd log file lines, chosen per line", kLines,
     &make_plain<SyslogParser>},
    {"rfc3164", kDatasetRfc3164,
     "BSD syslog: `[<PRI>]Mmm dd hh:mm:ss [host] tag[pid]: msg`, also with an RFC 3339 stamp",
     kLines, &make_plain<Rfc3164Parser>},
    {"rfc5424", kDatasetRfc5424, "RFC 5424 syslog with structured data", kLines,
     &make_plain<Rfc5424Parser>},
    {"ntpd", kDatasetNtpdLog, "ntpd/ntpsec/chronyd log file lines, also inside syslog", kLines,
     &make_plain<NtpdLogParser>},
    {"ntp-loopstats", "ntp.loopstats", "ntpd loopstats: MJD sec offset freq jitter wander tc",
     kLines, &make_stats<StatsKind::ntp_loopstats>},
    {"ntp-peerstats", "ntp.peerstats",
     "ntpd peerstats: MJD sec peer status offset delay disp jitter", kLines,
     &make_stats<StatsKind::ntp_peerstats>},
    {"ntp-clockstats", "ntp.clockstats", "ntpd clockstats: MJD sec clock driver-text", kLines,
     &make_stats<StatsKind::ntp_clockstats>},
    {"ntp-sysstats", "ntp.sysstats", "ntpd sysstats: MJD sec and packet counters", kLines,
     &make_stats<StatsKind::ntp_sysstats>},
    {"ntp-rawstats", "ntp.rawstats", "ntpd rawstats: MJD sec src dst and the four NTP timestamps",
     kLines, &make_stats<StatsKind::ntp_rawstats>},
    {"ntp-protostats", "ntp.protostats", "ntpd protostats: MJD sec peer status event text", kLines,
     &make_stats<StatsKind::ntp_protostats>},
    {"chrony-measurements", "chrony.measurements", "chrony measurements.log", kLines,
     &make_stats<StatsKind::chrony_measurements>},
    {"chrony-statistics", "chrony.statistics", "chrony statistics.log", kLines,
     &make_stats<StatsKind::chrony_statistics>},
    {"chrony-tracking", "chrony.tracking", "chrony tracking.log", kLines,
     &make_stats<StatsKind::chrony_tracking>},
    {"chrony-refclocks", "chrony.refclocks", "chrony refclocks.log", kLines,
     &make_stats<StatsKind::chrony_refclocks>},
    {"chrony-rtc", "chrony.rtc", "chrony rtc.log", kLines, &make_stats<StatsKind::chrony_rtc>},
    // Whole-file formats, in the order `auto` tries their sniffers: most specific first.
    {"journal", kDatasetJournal, "systemd journal files (.journal), read with sd-journal",
     RecordFraming::journal, nullptr, nullptr, &looks_like_journal},
    {"evtx", "winevent.evtx", "Windows event log files (.evtx), read natively", kWholeFile, nullptr,
     &make_evtx, &winevent::looks_like_evtx},
    {"winevent-xml", "winevent.xml", "Windows events exported as XML (wevtutil, Event Viewer)",
     kWholeFile, nullptr, &make_xml, &winevent::looks_like_event_xml},
    {"winevent-json", "winevent.json",
     "Windows events as JSON: PowerShell ConvertTo-Json, Winlogbeat, NXLog, OTRF, Sentinel",
     kWholeFile, nullptr, &make_json, &winevent::looks_like_event_json},
    {"winevent-csv", "winevent.csv",
     "Event Viewer CSV exports (local time: input `timezone` and `date_order`)", kWholeFile,
     nullptr, &make_csv, &winevent::looks_like_eventviewer_csv, RecordOrder::newest_first},
    {"json", kDatasetJson, "JSON lines: time_key, message_key; other members kept as json.*",
     kLines, &make_configured<JsonLinesParser>},
    {"regex", kDatasetRegex, "RE2 pattern from the config; named groups become fields", kLines,
     &make_configured<RegexParser>},
};

}  // namespace

std::span<const FormatInfo> formats() noexcept { return kFormats; }

const FormatInfo* find_format(std::string_view name) noexcept {
  const auto* found = std::find_if(std::begin(kFormats), std::end(kFormats),
                                   [name](const FormatInfo& f) { return f.name == name; });
  return found == std::end(kFormats) ? nullptr : found;
}

const FormatInfo* detect_whole_file_format(std::string_view head) noexcept {
  for (const FormatInfo& format : kFormats) {
    if (format.sniff != nullptr && format.sniff(head)) return &format;
  }
  return nullptr;
}

}  // namespace horolog
