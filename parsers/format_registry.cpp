// The format table: one row per format, in the order the reference lists them.
#include "parsers/format_registry.h"

#include <algorithm>

#include "parsers/detect/auto_parser.h"
#include "parsers/json/json_lines_parser.h"
#include "parsers/ntp/ntpd_log_parser.h"
#include "parsers/ntp/stats_parser.h"
#include "parsers/regex/regex_parser.h"
#include "parsers/syslog/rfc3164_parser.h"
#include "parsers/syslog/rfc5424_parser.h"
#include "parsers/syslog/syslog_parser.h"

namespace horolog {
namespace {

using ntp::StatsKind;

template <class P>
std::unique_ptr<Parser> make_plain(const ParserOptions&) {
  return std::make_unique<P>();
}

template <class P>
std::unique_ptr<Parser> make_configured(const ParserOptions& options) {
  return std::make_unique<P>(options);
}

template <StatsKind K>
std::unique_ptr<Parser> make_stats(const ParserOptions&) {
  return std::make_unique<NtpStatsParser>(K);
}

constexpr RecordFraming kLines = RecordFraming::lines;

constexpr FormatInfo kFormats[] = {
    {"auto", "auto",
     "Windows event files by their first bytes; else detected from the first recognised "
     "record, mixed files falling back per record",
     kLines, &make_configured<AutoParser>},
    {"syslog", "syslog", "RFC 5424 or BSD syslog, chosen per line", kLines,
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
    {"evtx", "winevent.evtx", "Windows event log files (.evtx), read natively",
     RecordFraming::whole_file, nullptr},
    {"winevent-xml", "winevent.xml", "Windows events exported as XML (wevtutil, Event Viewer)",
     RecordFraming::whole_file, nullptr},
    {"winevent-json", "winevent.json",
     "Windows events as JSON: PowerShell ConvertTo-Json, Winlogbeat, NXLog, OTRF, Sentinel",
     RecordFraming::whole_file, nullptr},
    {"winevent-csv", "winevent.csv",
     "Event Viewer CSV exports (local time: input `timezone` and `date_order`)",
     RecordFraming::whole_file, nullptr},
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

}  // namespace horolog
