// Severities decided from observations alone (no network), and the report's table, JSON shape
// and exit status.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>

#include "agent/commands/clock_audit/audit_report.h"
#include "agent/commands/clock_audit/control_probe.h"
#include "agent/commands/clock_audit/mode3_probe.h"
#include "agent/commands/clock_audit/monlist_probe.h"
#include "agent/commands/clock_audit/nts_ke_probe.h"
#include "agent/commands/clock_audit/rate_probe.h"

namespace horolog::audit {
namespace {

using namespace std::chrono_literals;

const Finding* find(const std::vector<Finding>& findings, std::string_view code) {
  const auto it = std::find_if(findings.begin(), findings.end(),
                               [&](const Finding& f) { return f.finding == code; });
  return it == findings.end() ? nullptr : &*it;
}

double number(const Finding& f, std::string_view name) {
  for (const auto& [key, value] : f.numbers) {
    if (key == name) return value;
  }
  return -1;
}

TimeObservation answered(std::uint8_t stratum, std::uint8_t leap, Nanoseconds dispersion = 10ms) {
  TimeObservation seen;
  seen.answered = true;
  seen.reply.mode = 4;
  seen.reply.stratum = stratum;
  seen.reply.leap = leap;
  seen.reply.reference_id = 0xC0000201;
  seen.reply.root_delay = to_ntp_short(20ms);
  seen.reply.root_dispersion = to_ntp_short(dispersion);
  return seen;
}

TEST(ClockAuditJudgement, MonlistAnswerIsHighSeverityWithItsAmplificationFactor) {
  MonlistObservation seen;
  seen.request_bytes = 8;
  seen.response_packets = 10;
  seen.response_bytes = 4400;
  seen.entries = 60;
  seen.last_seen = true;
  const auto findings = judge_monlist(seen);
  const Finding* f = find(findings, "monlist_answered");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::high);
  EXPECT_DOUBLE_EQ(number(*f, "amplification_factor"), 550.0);
  EXPECT_NE(f->reason.find("x550.0"), std::string::npos) << f->reason;
}

TEST(ClockAuditJudgement, MonlistRefusedWithAnErrorIsLowAndSilenceIsInfo) {
  MonlistObservation error;
  error.request_bytes = 8;
  error.response_packets = 1;
  error.response_bytes = 8;
  error.error = 2;
  EXPECT_EQ(judge_monlist(error).front().severity, Severity::low);
  EXPECT_EQ(judge_monlist(error).front().finding, "mode7_error_answer");
  EXPECT_EQ(judge_monlist(MonlistObservation{}).front().severity, Severity::info);
}

TEST(ClockAuditJudgement, UnsynchronizedServerIsHigh) {
  for (const auto& seen : {answered(16, 0), answered(3, 3), answered(16, 3)}) {
    const auto findings = judge_time(seen, false, 1s);
    const Finding* f = find(findings, "unsynchronized");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->severity, Severity::high);
  }
}

// ntpd and ntpsec before their first synchronization: stratum 0 (unspecified), leap 3, INIT.
TEST(ClockAuditJudgement, InitCodeWithLeapThreeIsUnsynchronizedNotAKiss) {
  for (const char* code : {"INIT", "STEP"}) {
    TimeObservation seen = answered(0, 3);
    seen.reply.reference_id = kiss_code(code);
    const auto findings = judge_time(seen, false, 1s);
    const Finding* f = find(findings, "unsynchronized");
    ASSERT_NE(f, nullptr) << code;
    EXPECT_EQ(f->severity, Severity::high);
    EXPECT_NE(f->reason.find(std::string("code ") + code), std::string::npos) << f->reason;
  }
  TimeObservation init_without_alarm = answered(0, 0);
  init_without_alarm.reply.reference_id = kiss_code("INIT");
  EXPECT_EQ(judge_time(init_without_alarm, false, 1s).front().finding, "kiss_of_death");
}

TEST(ClockAuditJudgement, RootDistanceBeyondMaxdistIsMedium) {
  const auto findings = judge_time(answered(3, 0, 1600ms), false, 1s);
  const Finding* f = find(findings, "root_distance_beyond_maxdist");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::medium);
  EXPECT_NEAR(number(*f, "root_distance_ms"), 1610.0, 0.1);
  // 1.49 s is within MAXDIST.
  EXPECT_NE(find(judge_time(answered(3, 0, 1480ms), false, 1s), "synchronized"), nullptr);
}

TEST(ClockAuditJudgement, HealthyTimeIsInfoWithStratumAndReference) {
  const auto findings = judge_time(answered(2, 0), false, 1s);
  const Finding* f = find(findings, "synchronized");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::info);
  EXPECT_NE(f->reason.find("stratum 2, reference 192.0.2.1"), std::string::npos) << f->reason;
  EXPECT_EQ(find(findings, "served")->severity, Severity::info);
}

TEST(ClockAuditJudgement, UnauthenticatedTimeBesideNtsIsLow) {
  const auto findings = judge_time(answered(2, 0), true, 1s);
  const Finding* f = find(findings, "served_beside_nts");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::low);
}

TEST(ClockAuditJudgement, KissOfDeathServesNoTimeAndNoAnswerIsInfo) {
  TimeObservation kiss = answered(0, 3);
  kiss.reply.reference_id = kiss_code("DENY");
  const auto findings = judge_time(kiss, false, 1s);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].finding, "kiss_of_death");
  EXPECT_NE(findings[0].reason.find("DENY"), std::string::npos);
  const auto silent = judge_time(TimeObservation{}, false, 1s);
  ASSERT_EQ(silent.size(), 1u);
  EXPECT_EQ(silent[0].severity, Severity::info);
  EXPECT_EQ(silent[0].finding, "no_answer");
}

TEST(ClockAuditJudgement, OpenModeSixIsMediumAndItsVersionStringLow) {
  ControlObservation seen;
  seen.variables.answered = seen.variables.complete = true;
  seen.variables.text = "version=\"ntpd 4.2.6p5\x1b[31m\", stratum=2";
  seen.variables.request_bytes = 12;
  seen.variables.response_bytes = 480;
  seen.variables.fragments = 2;
  seen.status.answered = true;
  seen.status.text = std::string(12, '\0');
  const auto findings = judge_control(seen);
  ASSERT_NE(find(findings, "mode6_readvar_answered"), nullptr);
  EXPECT_EQ(find(findings, "mode6_readvar_answered")->severity, Severity::medium);
  EXPECT_DOUBLE_EQ(number(*find(findings, "mode6_readvar_answered"), "amplification_factor"), 40);
  const Finding* version = find(findings, "version_disclosed");
  ASSERT_NE(version, nullptr);
  EXPECT_EQ(version->severity, Severity::low);
  // The server's escape sequence must not reach a terminal.
  EXPECT_EQ(version->texts.at(0).second, "ntpd 4.2.6p5?[31m");
  EXPECT_EQ(number(*find(findings, "mode6_peer_list"), "associations"), 3);
}

TEST(ClockAuditJudgement, ReadableMruListIsMedium) {
  ControlObservation seen;
  seen.variables.answered = true;
  seen.variables.text = "stratum=2";
  seen.mru.answered = true;
  seen.mru.text = "nonce=1, addr.0=192.0.2.7:123, last.0=0x1, addr.1=192.0.2.8:123, now=0x2";
  const auto findings = judge_control(seen);
  const Finding* f = find(findings, "mode6_mru_list");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::medium);
  EXPECT_EQ(number(*f, "clients_in_first_fragment"), 2);
}

TEST(ClockAuditJudgement, ModeSixErrorOrSilenceIsInfo) {
  ControlObservation error;
  error.variables.answered = error.variables.error = true;
  error.variables.error_code = 5;
  EXPECT_EQ(judge_control(error).front().finding, "mode6_error_answer");
  EXPECT_EQ(judge_control(error).front().severity, Severity::info);
  EXPECT_EQ(judge_control(ControlObservation{}).front().finding, "mode6_not_answered");
}

TEST(ClockAuditJudgement, AnsweringEveryBurstQueryIsLowAndLimitingIsInfo) {
  EXPECT_EQ(judge_rate({20, 20, 0, 0}).front().severity, Severity::low);
  EXPECT_EQ(judge_rate({20, 20, 0, 0}).front().finding, "no_rate_limiting");
  EXPECT_EQ(judge_rate({20, 5, 15, 0}).front().finding, "rate_limited_with_kod");
  EXPECT_EQ(judge_rate({20, 6, 0, 0}).front().finding, "rate_limited_by_dropping");
  EXPECT_EQ(number(judge_rate({20, 6, 0, 0}).front(), "dropped"), 14);
  for (const RateObservation& r : {RateObservation{20, 5, 15, 0}, RateObservation{20, 6, 0, 0}}) {
    EXPECT_EQ(judge_rate(r).front().severity, Severity::info);
  }
}

TEST(ClockAuditJudgement, NtsKeCertificateThatDoesNotVerifyIsMedium) {
  NtsKeObservation seen;
  seen.listening = seen.handshake = true;
  seen.tls_version = "TLSv1.3";
  seen.alpn = "ntske/1";
  seen.subject = "CN=localhost";
  seen.verify_error = "unable to get local issuer certificate";
  EXPECT_EQ(judge_nts_ke(seen).front().finding, "certificate_unverified");
  EXPECT_EQ(judge_nts_ke(seen).front().severity, Severity::medium);
  seen.verified = true;
  EXPECT_EQ(judge_nts_ke(seen).front().severity, Severity::info);
  seen.alpn.clear();
  EXPECT_EQ(judge_nts_ke(seen).front().finding, "no_ntske_alpn");
  EXPECT_EQ(judge_nts_ke(seen).front().severity, Severity::low);
  NtsKeObservation closed;
  closed.failure = "Connection refused";
  EXPECT_EQ(judge_nts_ke(closed).front().finding, "no_listener");
  EXPECT_EQ(judge_nts_ke(closed).front().severity, Severity::info);
}

std::vector<ServerAudit> two_servers(Severity worst) {
  return {{"a:123", "192.0.2.1", {{"time", Severity::info, "synchronized", "fine", {}, {}}}},
          {"b:123",
           "192.0.2.2",
           {{"monlist",
             worst,
             "monlist_answered",
             "say \"x\"",
             {{"amplification_factor", 550}},
             {{"note", "t"}}}}}};
}

TEST(ClockAuditReport, ExitsOneOnlyWhenAFindingIsHigh) {
  EXPECT_EQ(audit_exit_status(two_servers(Severity::high)), 1);
  EXPECT_EQ(audit_exit_status(two_servers(Severity::medium)), 0);
  EXPECT_EQ(audit_exit_status({}), 0);
}

TEST(ClockAuditReport, TablePrintsOneFindingPerLineAndASummary) {
  const std::string table = audit_table(two_servers(Severity::high));
  EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 1 + 2 + 2);
  EXPECT_NE(table.find("b:123   monlist               high      monlist_answered"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("2 server(s): 1 high, 0 medium, 0 low, 1 info; worst: high"),
            std::string::npos);
}

TEST(ClockAuditReport, JsonIsOneDocumentOfServersFindingsAndCounts) {
  const std::string json = audit_json(two_servers(Severity::high));
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS) << json;
  EXPECT_EQ(std::string_view(doc["worst"]), "high");
  EXPECT_EQ(int64_t(doc["counts"]["high"]), 1);
  EXPECT_EQ(int64_t(doc["counts"]["info"]), 1);
  simdjson::dom::element finding = doc["servers"].at(1)["findings"].at(0);
  EXPECT_EQ(std::string_view(doc["servers"].at(1)["address"]), "192.0.2.2");
  EXPECT_EQ(std::string_view(finding["check"]), "monlist");
  EXPECT_EQ(std::string_view(finding["severity"]), "high");
  EXPECT_EQ(std::string_view(finding["reason"]), "say \"x\"");
  EXPECT_EQ(double(finding["values"]["amplification_factor"]), 550.0);
  EXPECT_EQ(std::string_view(finding["values"]["note"]), "t");
}

}  // namespace
}  // namespace horolog::audit
