// Column names and units from the ntpd "Monitoring Options" page, ntpsec's ntp.conf(5) and
// chrony.conf(5) `log` directive. Times in seconds (_s), frequencies in ppm (_ppm).
#include "parsers/ntp/stats_layouts.h"

namespace horolog::ntp {
namespace {

using K = ColumnKind;

constexpr Column kLoopstats[] = {
    {"ntp.loopstats.offset_s", K::float64},    {"ntp.loopstats.frequency_ppm", K::float64},
    {"ntp.loopstats.jitter_s", K::float64},    {"ntp.loopstats.wander_ppm", K::float64},
    {"ntp.loopstats.time_constant", K::int64},
};
constexpr Column kPeerstats[] = {
    {"ntp.peerstats.peer", K::text},
    {"ntp.peerstats.status.word", K::peer_status},
    {"ntp.peerstats.offset_s", K::float64},
    {"ntp.peerstats.delay_s", K::float64},
    {"ntp.peerstats.dispersion_s", K::float64},
    {"ntp.peerstats.jitter_s", K::float64},
};
constexpr Column kClockstats[] = {
    {"ntp.clockstats.clock", K::text},
    {"ntp.clockstats.text", K::rest},
};
constexpr Column kSysstats[] = {
    {"ntp.sysstats.since_reset_s", K::int64}, {"ntp.sysstats.received", K::int64},
    {"ntp.sysstats.processed", K::int64},     {"ntp.sysstats.current_version", K::int64},
    {"ntp.sysstats.older_version", K::int64}, {"ntp.sysstats.bad_length_or_format", K::int64},
    {"ntp.sysstats.auth_failed", K::int64},   {"ntp.sysstats.declined", K::int64},
    {"ntp.sysstats.restricted", K::int64},    {"ntp.sysstats.rate_limited", K::int64},
    {"ntp.sysstats.kod_sent", K::int64},
};
// NTP timestamps (`3940066283.514380000`) stay text: a double would round their nanoseconds.
constexpr Column kRawstats[] = {
    {"ntp.rawstats.source", K::text},
    {"ntp.rawstats.destination", K::text},
    {"ntp.rawstats.origin_timestamp", K::text},
    {"ntp.rawstats.receive_timestamp", K::text},
    {"ntp.rawstats.transmit_timestamp", K::text},
    {"ntp.rawstats.destination_timestamp", K::text},
    {"ntp.rawstats.leap", K::int64},
    {"ntp.rawstats.version", K::int64},
    {"ntp.rawstats.mode", K::int64},
    {"ntp.rawstats.stratum", K::int64},
    {"ntp.rawstats.poll", K::int64},
    {"ntp.rawstats.precision", K::int64},
    {"ntp.rawstats.root_delay_s", K::float64},
    {"ntp.rawstats.root_dispersion_s", K::float64},
    {"ntp.rawstats.refid", K::text},
};
constexpr Column kProtostats[] = {
    {"ntp.protostats.peer", K::text},
    {"ntp.protostats.status", K::text},
    {"ntp.protostats.event_code", K::text},
    {"ntp.protostats.text", K::rest},
};
constexpr Column kMeasurements[] = {
    {"chrony.measurements.source", K::text},
    {"chrony.measurements.leap", K::text},
    {"chrony.measurements.stratum", K::int64},
    {"chrony.measurements.tests_123", K::text},
    {"chrony.measurements.tests_567", K::text},
    {"chrony.measurements.tests_abcd", K::text},
    {"chrony.measurements.local_poll", K::int64},
    {"chrony.measurements.remote_poll", K::int64},
    {"chrony.measurements.score", K::float64},
    {"chrony.measurements.offset_s", K::float64},
    {"chrony.measurements.peer_delay_s", K::float64},
    {"chrony.measurements.peer_dispersion_s", K::float64},
    {"chrony.measurements.root_delay_s", K::float64},
    {"chrony.measurements.root_dispersion_s", K::float64},
    {"chrony.measurements.refid", K::text},
    {"chrony.measurements.mode", K::text},
    {"chrony.measurements.tx_source", K::text},
    {"chrony.measurements.rx_source", K::text},
};
constexpr Column kStatistics[] = {
    {"chrony.statistics.source", K::text},           {"chrony.statistics.std_dev_s", K::float64},
    {"chrony.statistics.est_offset_s", K::float64},  {"chrony.statistics.offset_sd_s", K::float64},
    {"chrony.statistics.diff_freq_ppm", K::float64}, {"chrony.statistics.est_skew_ppm", K::float64},
    {"chrony.statistics.stress", K::float64},        {"chrony.statistics.samples", K::int64},
    {"chrony.statistics.best_sample", K::int64},     {"chrony.statistics.runs", K::int64},
    {"chrony.statistics.asymmetry", K::float64},
};
constexpr Column kTracking[] = {
    {"chrony.tracking.reference", K::text},
    {"chrony.tracking.stratum", K::int64},
    {"chrony.tracking.frequency_ppm", K::float64},
    {"chrony.tracking.skew_ppm", K::float64},
    {"chrony.tracking.offset_s", K::float64},
    {"chrony.tracking.leap", K::text},
    {"chrony.tracking.combined_sources", K::int64},
    {"chrony.tracking.offset_sd_s", K::float64},
    {"chrony.tracking.remaining_correction_s", K::float64},
    {"chrony.tracking.root_delay_s", K::float64},
    {"chrony.tracking.root_dispersion_s", K::float64},
    {"chrony.tracking.max_error_s", K::float64},
};
constexpr Column kRefclocks[] = {
    {"chrony.refclocks.refid", K::text},
    {"chrony.refclocks.dropped_samples", K::int64},
    {"chrony.refclocks.leap", K::text},
    {"chrony.refclocks.pulse", K::int64},
    {"chrony.refclocks.raw_offset_s", K::float64},
    {"chrony.refclocks.cooked_offset_s", K::float64},
    {"chrony.refclocks.dispersion_s", K::float64},
};
constexpr Column kRtc[] = {
    {"chrony.rtc.rtc_fast_s", K::float64}, {"chrony.rtc.valid", K::int64},
    {"chrony.rtc.est_fast_s", K::float64}, {"chrony.rtc.slope_ppm", K::float64},
    {"chrony.rtc.samples", K::int64},      {"chrony.rtc.runs", K::int64},
    {"chrony.rtc.interval_s", K::int64},
};

constexpr StatsLayout kLayouts[] = {
    {"ntp.loopstats", StampShape::mjd_seconds, kLoopstats, 5, "ntp.loopstats.extra"},
    {"ntp.peerstats", StampShape::mjd_seconds, kPeerstats, 6, "ntp.peerstats.extra"},
    {"ntp.clockstats", StampShape::mjd_seconds, kClockstats, 1, "ntp.clockstats.extra"},
    {"ntp.sysstats", StampShape::mjd_seconds, kSysstats, 3, "ntp.sysstats.extra"},
    {"ntp.rawstats", StampShape::mjd_seconds, kRawstats, 6, "ntp.rawstats.extra"},
    {"ntp.protostats", StampShape::mjd_seconds, kProtostats, 3, "ntp.protostats.extra"},
    {"chrony.measurements", StampShape::date_time, kMeasurements, 15, "chrony.measurements.extra"},
    {"chrony.statistics", StampShape::date_time, kStatistics, 10, "chrony.statistics.extra"},
    {"chrony.tracking", StampShape::date_time, kTracking, 7, "chrony.tracking.extra"},
    {"chrony.refclocks", StampShape::date_time, kRefclocks, 7, "chrony.refclocks.extra"},
    {"chrony.rtc", StampShape::date_time, kRtc, 7, "chrony.rtc.extra"},
};

}  // namespace

const StatsLayout& stats_layout(StatsKind kind) noexcept {
  return kLayouts[static_cast<std::size_t>(kind)];
}

}  // namespace horolog::ntp
