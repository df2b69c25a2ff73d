// NdjsonEncoder: the design's output schema field by field, time precision, flags, the clock
// estimate, and real log lines; every line is parsed back with simdjson.
#include "sinks/ndjson_encoder.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/sinks_encoder/json_line_check.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog {
namespace {

using namespace std::chrono;

SysNanos at(int y, unsigned m, unsigned d, hours h, minutes min, seconds s, nanoseconds ns = {}) {
  return SysNanos{sys_days{year{y} / month{m} / day{d}}} + h + min + s + ns;
}

// The event of the design's output schema example.
Event design_example_event() {
  Event event;
  event.timestamp = at(2026, 11, 26, 11h, 0min, 1s);
  event.precision_digits = 0;
  event.time_original = "Nov 26 12:00:01";
  event.time_zone = "Europe/Berlin";
  event.time_flags.set(TimeFlag::year_inferred);
  event.time_flags.set(TimeFlag::zone_assumed);
  event.stamped_by_host_clock = true;
  event.created = at(2026, 11, 26, 11h, 0min, 1s, 734'912'000ns);
  event.host = "web1";
  event.app = "sshd";
  event.pid = 1234;
  event.facility = 4;
  event.severity = 6;
  event.message = "Accepted publickey for alice from 10.0.0.5 port 51234 ssh2";
  event.dataset = "syslog.rfc3164";
  event.source_path = "/var/log/syslog";
  event.input_name = "system";
  event.offset = 12345;
  return event;
}

ClockEstimate ntp_estimate() {
  ClockEstimate clock;
  clock.offset = -312us;
  clock.error_bound = 150us;
  clock.measured_at = at(2026, 11, 26, 10h, 59min, 12s, 113'000ns);
  clock.source = ClockSource::ntp;
  clock.synchronized = true;
  clock.servers_used = 3;
  clock.servers_agreeing = 3;
  clock.servers_rejected = 1;
  return clock;
}

class Encoder : public ::testing::Test {
 protected:
  // Encodes one event, checks the line, and keeps it parsed in root_.
  std::string encode(const Event& event, const ClockEstimate* clock = nullptr) {
    std::string line;
    encoder_.encode(event, EncodeContext{clock}, line);
    EXPECT_TRUE(test::parse_json_line(parser_, line, root_));
    return line;
  }

  NdjsonEncoder encoder_;
  simdjson::dom::parser parser_;
  simdjson::dom::element root_;
};

TEST_F(Encoder, WritesDesignExampleAsGoldenLine) {
  const ClockEstimate clock = ntp_estimate();
  EXPECT_EQ(
      encode(design_example_event(), &clock),
      R"({"@timestamp":"2026-11-26T11:00:01Z",)"
      R"("event":{"created":"2026-11-26T11:00:01.734912Z","dataset":"syslog.rfc3164",)"
      R"("timezone":"Europe/Berlin"},)"
      R"("horolog":{"input":"system","time":{"corrected":"2026-11-26T11:00:00.999688Z",)"
      R"("flags":["year_inferred","zone_assumed"],"original":"Nov 26 12:00:01"}},)"
      R"("host":{"clock":{"error_ms":0.150,"measured_at":"2026-11-26T10:59:12.000113Z",)"
      R"("offset_ms":-0.312,"servers_agreeing":3,"servers_rejected":1,"servers_used":3,)"
      R"("source":"ntp","synchronized":true},"name":"web1"},)"
      R"("log":{"file":{"path":"/var/log/syslog"},"offset":12345,)"
      R"("syslog":{"facility":{"code":4,"name":"auth"},"severity":{"code":6,"name":"info"}}},)"
      R"("message":"Accepted publickey for alice from 10.0.0.5 port 51234 ssh2",)"
      R"("process":{"name":"sshd","pid":1234}})"
      "\n");
  EXPECT_EQ(test::string_at(root_, "/host/clock/source"), "ntp");
  double offset_ms = 0;
  ASSERT_EQ(root_.at_pointer("/host/clock/offset_ms").get(offset_ms), simdjson::SUCCESS);
  EXPECT_DOUBLE_EQ(offset_ms, -0.312);
}

TEST_F(Encoder, LeavesOutAbsentFields) {
  EXPECT_EQ(
      encode(Event{}),
      R"({"@timestamp":"1970-01-01T00:00:00Z","event":{"created":"1970-01-01T00:00:00.000000Z"},)"
      R"("log":{"offset":0},"message":""})"
      "\n");
}

struct PrecisionCase {
  SysNanos time;
  unsigned digits;
  std::string_view text;
};

class EncoderPrecision : public Encoder, public ::testing::WithParamInterface<PrecisionCase> {};

TEST_P(EncoderPrecision, WritesTimestampWithExactlyTheSourceDigits) {
  Event event;
  event.timestamp = GetParam().time;
  event.precision_digits = static_cast<std::uint8_t>(GetParam().digits);
  encode(event);
  EXPECT_EQ(test::string_at(root_, "/@timestamp"), GetParam().text);
}

const SysNanos kFraction = at(2026, 11, 26, 11h, 0min, 1s, 123'456'789ns);

INSTANTIATE_TEST_SUITE_P(
    Digits, EncoderPrecision,
    ::testing::Values(PrecisionCase{kFraction, 0, "2026-11-26T11:00:01Z"},
                      PrecisionCase{kFraction, 3, "2026-11-26T11:00:01.123Z"},
                      PrecisionCase{kFraction, 6, "2026-11-26T11:00:01.123456Z"},
                      PrecisionCase{kFraction, 7, "2026-11-26T11:00:01.1234567Z"},
                      PrecisionCase{kFraction, 9, "2026-11-26T11:00:01.123456789Z"},
                      PrecisionCase{at(2026, 11, 26, 0h, 0min, 0s), 3,
                                    "2026-11-26T00:00:00.000Z"}));

INSTANTIATE_TEST_SUITE_P(
    BeforeEpochAndRangeEnds, EncoderPrecision,
    ::testing::Values(PrecisionCase{SysNanos{-1ns}, 9, "1969-12-31T23:59:59.999999999Z"},
                      PrecisionCase{SysNanos{-500ms}, 3, "1969-12-31T23:59:59.500Z"},
                      PrecisionCase{SysNanos{-500ms}, 0, "1969-12-31T23:59:59Z"},
                      PrecisionCase{at(1700, 1, 1, 0h, 0min, 0s), 7,
                                    "1700-01-01T00:00:00.0000000Z"},
                      PrecisionCase{at(1900, 3, 1, 12h, 30min, 15s, 123'456'700ns), 7,
                                    "1900-03-01T12:30:15.1234567Z"},
                      PrecisionCase{SysNanos::min() + 24h, 9, "1677-09-22T00:12:43.145224192Z"},
                      PrecisionCase{SysNanos::max(), 9, "2262-04-11T23:47:16.854775807Z"}));

TEST_F(Encoder, WritesTimeFlagsInBitOrder) {
  Event event;
  for (std::uint16_t bit = 0; bit < std::size(kTimeFlagNames); ++bit) {
    event.time_flags.set(static_cast<TimeFlag>(1u << bit));
  }
  const std::string line = encode(event);
  EXPECT_NE(
      line.find(R"("flags":["year_inferred","zone_assumed","dst_gap","dst_fold",)"
                R"("leap_second","future","no_timestamp","precision_truncated","clock_stepped"])"),
      std::string::npos)
      << line;
}

TEST_F(Encoder, WritesOnlyTheTimeFlagsThatAreSet) {
  Event event;
  event.time_flags.set(TimeFlag::dst_fold);
  event.time_flags.set(TimeFlag::leap_second);
  const std::string line = encode(event);
  EXPECT_NE(line.find(R"("flags":["dst_fold","leap_second"])"), std::string::npos) << line;
  encode(Event{});
  EXPECT_FALSE(test::has_member(root_, "/horolog"));
}

TEST_F(Encoder, MarksParseErrorsWithFlagAndReason) {
  Event event;
  event.message = "<garbage";
  event.error = "no timestamp";
  event.set(EventFlag::parse_error);
  event.set(EventFlag::truncated);
  const std::string line = encode(event);
  EXPECT_NE(line.find(R"("flags":["parse_error","truncated"])"), std::string::npos) << line;
  EXPECT_EQ(test::string_at(root_, "/horolog/error"), "no timestamp");
  EXPECT_EQ(test::string_at(root_, "/message"), "<garbage");
}

TEST_F(Encoder, WritesErrorOnlyForParseErrors) {
  Event event;
  event.error = "stale reason";
  event.set(EventFlag::truncated);
  const std::string line = encode(event);
  EXPECT_NE(line.find(R"("horolog":{"flags":["truncated"]})"), std::string::npos) << line;
}

struct CorrectionCase {
  std::string_view name;
  bool stamped_by_host_clock;
  bool with_clock;
  ClockSource source;
  bool synchronized;
  bool corrected;
};

class EncoderCorrection : public Encoder, public ::testing::WithParamInterface<CorrectionCase> {};

TEST_P(EncoderCorrection, CorrectsOnlyHostStampedEventsWithATrustworthyEstimate) {
  Event event = design_example_event();
  event.stamped_by_host_clock = GetParam().stamped_by_host_clock;
  ClockEstimate clock = ntp_estimate();
  clock.source = GetParam().source;
  clock.synchronized = GetParam().synchronized;
  encode(event, GetParam().with_clock ? &clock : nullptr);
  EXPECT_EQ(test::has_member(root_, "/horolog/time/corrected"), GetParam().corrected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, EncoderCorrection,
    ::testing::Values(
        CorrectionCase{"host_stamped_ntp", true, true, ClockSource::ntp, true, true},
        CorrectionCase{"host_stamped_kernel", true, true, ClockSource::kernel, true, true},
        CorrectionCase{"host_stamped_history", true, true, ClockSource::history, true, true},
        // An estimate nobody vouches for (a lone server an hour off, an undisciplined kernel)
        // must not move event times.
        CorrectionCase{"host_stamped_untrusted_ntp", true, true, ClockSource::ntp, false, false},
        CorrectionCase{"host_stamped_unsynchronized_kernel", true, true, ClockSource::kernel, false,
                       false},
        CorrectionCase{"host_stamped_no_source", true, true, ClockSource::none, false, false},
        CorrectionCase{"host_stamped_no_clock", true, false, ClockSource::ntp, true, false},
        CorrectionCase{"foreign_stamp", false, true, ClockSource::ntp, true, false}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(Encoder, CorrectedTimeKeepsNanosecondsOfNanosecondSources) {
  Event event;
  event.timestamp = at(2026, 1, 1, 0h, 0min, 0s, 5ns);
  event.precision_digits = 9;
  event.stamped_by_host_clock = true;
  ClockEstimate clock = ntp_estimate();
  clock.offset = -7ns;
  encode(event, &clock);
  EXPECT_EQ(test::string_at(root_, "/horolog/time/corrected"), "2025-12-31T23:59:59.999999998Z");
}

TEST_F(Encoder, RepairedEventIsCorrectedByItsOwnEstimateNotTheLiveOne) {
  Event event;
  event.timestamp = at(2021, 11, 27, 15h, 47min, 0s);
  event.time_repair = {true, -72h, at(2021, 11, 24, 15h, 46min, 0s)};
  ClockEstimate live = ntp_estimate();
  encode(event, &live);
  EXPECT_EQ(test::string_at(root_, "/horolog/time/corrected"), "2021-11-24T15:47:00.000000Z");
  EXPECT_EQ(test::string_at(root_, "/host/clock/source"), "time_change");
  EXPECT_EQ(test::string_at(root_, "/host/clock/measured_at"), "2021-11-24T15:46:00.000000Z");
  double offset_ms = 0;
  ASSERT_EQ(root_.at_pointer("/host/clock/offset_ms").get(offset_ms), simdjson::SUCCESS);
  EXPECT_EQ(offset_ms, -72.0 * 3600 * 1000);
}

TEST_F(Encoder, RepairedEventIsCorrectedWithoutAnyLiveEstimate) {
  Event event;
  event.timestamp = at(2026, 1, 1, 0h, 0min, 8s);
  event.time_repair = {true, -8s, at(2026, 1, 1, 0h, 0min, 0s)};
  encode(event, nullptr);
  EXPECT_EQ(test::string_at(root_, "/horolog/time/corrected"), "2026-01-01T00:00:00.000000Z");
}

TEST_F(Encoder, WritesOnlySourceAndStateForAnUnmeasuredClock) {
  ClockEstimate clock;
  encode(Event{}, &clock);
  EXPECT_EQ(test::string_at(root_, "/host/clock/source"), "none");
  bool synchronized = true;
  ASSERT_EQ(root_.at_pointer("/host/clock/synchronized").get(synchronized), simdjson::SUCCESS);
  EXPECT_FALSE(synchronized);
  EXPECT_FALSE(test::has_member(root_, "/host/clock/offset_ms"));
  EXPECT_FALSE(test::has_member(root_, "/host/clock/measured_at"));
}

constexpr std::string_view kFacilities[] = {
    "kern",   "user",   "mail",     "daemon", "auth",   "syslog",   "lpr",     "news",
    "uucp",   "cron",   "authpriv", "ftp",    "ntp",    "security", "console", "solaris-cron",
    "local0", "local1", "local2",   "local3", "local4", "local5",   "local6",  "local7"};
constexpr std::string_view kSeverities[] = {"emerg",   "alert",  "crit", "err",
                                            "warning", "notice", "info", "debug"};

class EncoderFacility : public Encoder, public ::testing::WithParamInterface<int> {};

TEST_P(EncoderFacility, NamesEachFacilityAndSeverityAsEcs) {
  Event event;
  event.facility = static_cast<std::int16_t>(GetParam());
  event.severity = static_cast<std::int16_t>(GetParam() % 8);
  encode(event);
  EXPECT_EQ(test::string_at(root_, "/log/syslog/facility/name"), kFacilities[GetParam()]);
  EXPECT_EQ(test::string_at(root_, "/log/syslog/severity/name"), kSeverities[GetParam() % 8]);
  std::int64_t code = -1;
  ASSERT_EQ(root_.at_pointer("/log/syslog/facility/code").get(code), simdjson::SUCCESS);
  EXPECT_EQ(code, GetParam());
}

INSTANTIATE_TEST_SUITE_P(AllCodes, EncoderFacility, ::testing::Range(0, 24));

TEST_F(Encoder, WritesCodeWithoutNameOutsideTheTables) {
  Event event;
  event.facility = 24;
  event.severity = 8;
  EXPECT_NE(encode(event).find(R"("syslog":{"facility":{"code":24},"severity":{"code":8}})"),
            std::string::npos);
}

TEST_F(Encoder, NestsExtrasBesideFixedFields) {
  Event event = design_example_event();
  event.add("host.ip", FieldValue::string("10.0.0.5"));
  event.add("ntp.offset_s", FieldValue::float64(-0.000312));
  event.add("winlog.event_id", FieldValue::uint64(4624));
  event.add("winlog.event_data", FieldValue::json(R"({"LogonType":"3"})"));
  event.add("message", FieldValue::string("shadow"));
  event.add("process.pid.extra", FieldValue::boolean(false));
  encode(event);
  EXPECT_EQ(test::string_at(root_, "/host/ip"), "10.0.0.5");
  EXPECT_EQ(test::string_at(root_, "/host/name"), "web1");
  EXPECT_EQ(test::string_at(root_, "/winlog/event_data/LogonType"), "3");
  EXPECT_EQ(test::string_at(root_, "/message"), design_example_event().message);
  EXPECT_EQ(test::string_at(root_, "/message_2"), "shadow");
  double offset_s = 0;
  ASSERT_EQ(root_.at_pointer("/ntp/offset_s").get(offset_s), simdjson::SUCCESS);
  EXPECT_EQ(offset_s, -0.000312);
  std::int64_t pid = 0;
  ASSERT_EQ(root_.at_pointer("/process/pid").get(pid), simdjson::SUCCESS);
  EXPECT_EQ(pid, 1234);
  bool extra = true;
  ASSERT_EQ(root_.at_pointer("/process/pid_2/extra").get(extra), simdjson::SUCCESS);
  EXPECT_FALSE(extra);
}

TEST_F(Encoder, ReusesTheExtrasLayoutOnlyWhileTheKeysStayTheSame) {
  // Keys live in storage of their own (as in a parser's arena), rewritten between events, so a
  // layout that compared key addresses instead of key text would be caught.
  std::vector<std::vector<std::string>> key_sets = {
      {"ntp.offset_s", "ntp.delay_s", "host.ip"},
      {"ntp.offset_s", "ntp.delay_s", "host.ip"},
      {"ntp.offset_s", "ntp.delay_s", "host.ip", "ntp.a.b"},
      {"ntp.offset_s", "ntp.jitter_s", "host.ip"},
      {"ntp.offset_s", "ntp.offset_s", "message"},
      {"zz.last", "ntp.delay_s", "host.ip"},
      {"ntp.offset_s", "ntp.delay_s", "host.ip"},
  };
  for (std::size_t i = 0; i < key_sets.size(); ++i) {
    std::vector<std::string> keys = key_sets[i];
    Event event = design_example_event();
    for (std::size_t k = 0; k < keys.size(); ++k) {
      event.add(keys[k], FieldValue::uint64(i * 10 + k));
    }
    const std::string line = encode(event);
    std::string fresh;
    NdjsonEncoder().encode(event, EncodeContext{}, fresh);
    EXPECT_EQ(line, fresh) << "event " << i;
    for (std::string& key : keys) key.assign(key.size(), '#');  // the storage is reused
  }
}

TEST_F(Encoder, MergesAnExtraThatSortsInsideTheClockMembers) {
  const ClockEstimate clock = ntp_estimate();
  Event event = design_example_event();
  event.add("host.clock.note", FieldValue::string("x"));
  const std::string line = encode(event, &clock);
  EXPECT_NE(
      line.find(R"("host":{"clock":{"error_ms":0.150,"measured_at":"2026-11-26T10:59:12.000113Z",)"
                R"("note":"x","offset_ms":-0.312,"servers_agreeing":3,"servers_rejected":1,)"
                R"("servers_used":3,"source":"ntp","synchronized":true},"name":"web1"})"),
      std::string::npos)
      << line;
}

TEST_F(Encoder, WritesEachEventWithTheEstimateItWasGiven) {
  ClockEstimate clock = ntp_estimate();
  const Event event = design_example_event();
  for (int step = 0; step < 3; ++step) {
    const std::string line = encode(event, &clock);
    std::string fresh;
    NdjsonEncoder().encode(event, EncodeContext{&clock}, fresh);
    EXPECT_EQ(line, fresh) << "step " << step;
    clock.offset += 1ms;
    clock.source = step == 0 ? ClockSource::kernel : ClockSource::none;
  }
  EXPECT_EQ(test::string_at(root_, "/host/clock/source"), "none");
}

TEST_F(Encoder, WritesOnlyTheSelectedClockMembers) {
  const ClockEstimate clock = ntp_estimate();
  NdjsonEncoder encoder(FieldSelection({"host.clock.offset_ms", "host.clock.source"}, {}));
  std::string line;
  encoder.encode(design_example_event(), EncodeContext{&clock}, line);
  EXPECT_EQ(line, R"({"@timestamp":"2026-11-26T11:00:01Z",)"
                  R"("host":{"clock":{"offset_ms":-0.312,"source":"ntp"}}})"
                  "\n");
}

TEST_F(Encoder, EncodesBatchAsTheSameLinesWithTheirEnds) {
  EventBatch batch;
  for (int i = 0; i < 3; ++i) {
    Event& event = batch.next_event();
    event = design_example_event();
    event.offset = static_cast<std::uint64_t>(i) * 100;
  }
  EncodedBatch encoded;
  std::string storage = "left over from the previous batch\n";
  const ClockEstimate clock = ntp_estimate();
  encoder_.encode_batch(batch, EncodeContext{&clock}, encoded, storage);
  ASSERT_EQ(encoded.line_ends.size(), 3u);
  EXPECT_EQ(encoded.events, &batch);
  EXPECT_EQ(encoded.ndjson.size(), encoded.line_ends.back());
  for (std::size_t i = 0; i < 3; ++i) {
    std::string alone;
    encoder_.encode(batch.events[i], EncodeContext{&clock}, alone);
    EXPECT_EQ(encoded.line(i), alone);
    EXPECT_TRUE(test::parse_json_line(parser_, encoded.line(i), root_));
  }
}

TEST_F(Encoder, BatchEncodedInTwoStepsEqualsTheBatchEncodedAtOnce) {
  EventBatch batch;
  for (int i = 0; i < 5; ++i) {
    Event& event = batch.next_event();
    event = design_example_event();
    event.offset = static_cast<std::uint64_t>(i) * 100;
  }
  const ClockEstimate clock = ntp_estimate();
  EncodedBatch whole;
  std::string whole_storage;
  encoder_.encode_batch(batch, EncodeContext{&clock}, whole, whole_storage);
  for (std::size_t first = 0; first <= 5; ++first) {
    NdjsonEncoder encoder;
    EncodedBatch split;
    std::string storage = "left over from the previous batch\n";
    encoder.encode_batch(batch, first, EncodeContext{&clock}, split, storage);
    ASSERT_EQ(split.line_ends.size(), first);
    encoder.append_rest(batch, EncodeContext{&clock}, split, storage);
    EXPECT_EQ(split.ndjson, whole.ndjson) << "split after " << first;
    EXPECT_EQ(split.line_ends, whole.line_ends) << "split after " << first;
    EXPECT_EQ(split.events, &batch);
  }
}

// Each line of a real log becomes a message and must come back byte for byte (or, for a
// line with ill-formed UTF-8, repaired).
void expect_lines_round_trip(const std::string& content) {
  NdjsonEncoder encoder;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  std::size_t lines = 0;
  for (const std::string_view text : test::split_lines(content)) {
    Event event;
    event.message = text;
    event.add("log.original", FieldValue::string(text));
    std::string line;
    encoder.encode(event, EncodeContext{}, line);
    ASSERT_TRUE(test::parse_json_line(parser, line, root));
    EXPECT_EQ(test::string_at(root, "/message"), text);
    EXPECT_EQ(test::string_at(root, "/log/original"), text);
    ++lines;
  }
  EXPECT_GT(lines, 0u);
}

TEST(EncoderSamples, KeepsUnicodeMessagesByteForByte) {
  expect_lines_round_trip(
      test::read_file(test::source_path("tests/data/sinks_encoder/unicode_messages.log")));
}

TEST(EncoderSamples, RoundTripsLoghubLinuxSyslogWithCarriageReturns) {
  HOROLOG_SHARED_SAMPLE(path, "syslog-3164/loghub_Linux_2k.log");
  expect_lines_round_trip(test::read_file(path));
}

TEST(EncoderSamples, RoundTripsLongMacSystemLogLines) {
  HOROLOG_SHARED_SAMPLE(path, "syslog-3164/loghub_Mac_2k.log");
  expect_lines_round_trip(test::read_file(path));
}

TEST(EncoderSamples, RoundTripsSnareTabSeparatedWindowsEvents) {
  HOROLOG_SHARED_SAMPLE(path, "syslog-3164/rsyslog_snare_windows2022-security.data");
  expect_lines_round_trip(test::read_file(path));
}

}  // namespace
}  // namespace horolog
