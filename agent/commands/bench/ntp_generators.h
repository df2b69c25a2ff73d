// Line generators for the NTP statistics formats: ntpd's *stats files (MJD stamps) and chrony's
// measurement, statistics, tracking, refclock and RTC logs.
#pragma once

#include <string>

#include "agent/commands/bench/generator_state.h"

namespace horolog {

void generate_ntp_loopstats(GeneratorState& state, std::string& out);
void generate_ntp_peerstats(GeneratorState& state, std::string& out);
void generate_ntp_clockstats(GeneratorState& state, std::string& out);
void generate_ntp_sysstats(GeneratorState& state, std::string& out);
void generate_ntp_rawstats(GeneratorState& state, std::string& out);
void generate_ntp_protostats(GeneratorState& state, std::string& out);
void generate_chrony_measurements(GeneratorState& state, std::string& out);
void generate_chrony_statistics(GeneratorState& state, std::string& out);
void generate_chrony_tracking(GeneratorState& state, std::string& out);
void generate_chrony_refclocks(GeneratorState& state, std::string& out);
void generate_chrony_rtc(GeneratorState& state, std::string& out);

}  // namespace horolog
