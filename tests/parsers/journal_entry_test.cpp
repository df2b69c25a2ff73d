// Journal entries as events: the names fields get, the time taken exactly from the journal,
// binary values kept, clock messages of time daemons annotated, clock steps measured.
#include "parsers/journal/journal_entry.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parsers/journal/journal_clock_steps.h"
#include "tests/parsers/parse_harness.h"

namespace horolog {
namespace {

using test::iso;

const Field* field(const Event& event, std::string_view key) {
  for (const Field& f : event.fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

struct Mapped {
  StringArena arena;
  std::vector<std::string> storage;
  Event event;
};

// Maps an entry received at 2025-11-26T11:00:00.123456Z, monotonic 5 s into its boot.
void map(Mapped& out, std::vector<std::string> fields, bool host_clock = true) {
  out.storage = std::move(fields);
  JournalEntry entry;
  for (const std::string& f : out.storage) entry.fields.push_back(f);
  entry.realtime_us = 1'764'154'800'123'456;
  entry.monotonic_us = 5'000'000;
  entry.boot_id = "0123456789abcdef0123456789abcdef";
  map_journal_entry(entry, host_clock, out.arena, out.event);
}

TEST(JournalEntry, FieldsGetTheirEcsOrFilebeatNames) {
  Mapped m;
  map(m, {"MESSAGE=Accepted publickey for deploy", "PRIORITY=6", "SYSLOG_FACILITY=10",
          "SYSLOG_IDENTIFIER=sshd", "_COMM=sshd-session", "_PID=2211", "_UID=0",
          "_EXE=/usr/sbin/sshd", "_CMDLINE=sshd: deploy [priv]", "_HOSTNAME=web-1",
          "_SYSTEMD_UNIT=ssh.service", "_TRANSPORT=syslog", "CODE_LINE=42", "_AUDIT_SESSION=7",
          "MY_FIELD=custom", "_SELINUX_CONTEXT=unconfined"});
  const Event& e = m.event;
  EXPECT_EQ(e.dataset, "journald");
  EXPECT_EQ(e.message, "Accepted publickey for deploy");
  EXPECT_EQ(e.severity, 6);
  EXPECT_EQ(e.facility, 10);
  EXPECT_EQ(field(e, "log.syslog.priority")->value.i64, 86);
  EXPECT_EQ(e.app, "sshd");
  EXPECT_EQ(field(e, "journald.process.comm")->value.text, "sshd-session");
  EXPECT_EQ(e.pid, 2211);
  EXPECT_EQ(e.host, "web-1");
  EXPECT_EQ(field(e, "user.id")->value.text, "0");
  EXPECT_EQ(field(e, "process.executable")->value.text, "/usr/sbin/sshd");
  EXPECT_EQ(field(e, "process.command_line")->value.text, "sshd: deploy [priv]");
  EXPECT_EQ(field(e, "systemd.unit")->value.text, "ssh.service");
  EXPECT_EQ(field(e, "systemd.transport")->value.text, "syslog");
  EXPECT_EQ(field(e, "journald.code.line")->value.text, "42");
  EXPECT_EQ(field(e, "journald.audit.session")->value.text, "7");
  EXPECT_EQ(field(e, "journald.custom.my_field")->value.text, "custom");
  EXPECT_EQ(field(e, "journald.selinux_context")->value.text, "unconfined");
  EXPECT_EQ(field(e, "host.boot.id")->value.text, "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(field(e, "journald.monotonic_us")->value.u64, 5'000'000u);
}

TEST(JournalEntry, ProcessNameFallsBackToComm) {
  Mapped m;
  map(m, {"MESSAGE=x", "_COMM=kworker"});
  EXPECT_EQ(m.event.app, "kworker");
  EXPECT_EQ(field(m.event, "journald.process.comm"), nullptr);
}

TEST(JournalEntry, TimeIsTheReceiveTimeExactlyWithoutZoneOrFlags) {
  Mapped m;
  map(m, {"MESSAGE=x"});
  EXPECT_EQ(iso(m.event.timestamp), "2025-11-26T11:00:00.123456000Z");
  EXPECT_EQ(m.event.precision_digits, 6);
  EXPECT_TRUE(m.event.time_flags.empty());
  EXPECT_TRUE(m.event.time_zone.empty());
  EXPECT_EQ(m.event.time_original, "1764154800123456");
  EXPECT_TRUE(m.event.stamped_by_host_clock);
}

TEST(JournalEntry, SourceRealtimeWinsOverTheReceiveTime) {
  Mapped m;
  map(m, {"MESSAGE=x", "_SOURCE_REALTIME_TIMESTAMP=1764154799000001"}, /*host_clock=*/false);
  EXPECT_EQ(iso(m.event.timestamp), "2025-11-26T10:59:59.000001000Z");
  EXPECT_EQ(m.event.time_original, "1764154799000001");
  EXPECT_EQ(field(m.event, "journald.realtime_us")->value.u64, 1'764'154'800'123'456u);
  EXPECT_FALSE(m.event.stamped_by_host_clock);  // a journal copied off another machine
}

TEST(JournalEntry, ATimeNoEventCanHoldIsNoTimestamp) {
  Mapped m;
  m.event.created = SysNanos(std::chrono::seconds(1'764'158'400));
  JournalEntry entry;
  entry.fields = {"MESSAGE=damaged", "_SOURCE_REALTIME_TIMESTAMP=26533956399537728"};
  entry.realtime_us = 26'533'956'399'537'728;  // year 2810: past what 64-bit nanoseconds hold
  map_journal_entry(entry, true, m.arena, m.event);
  EXPECT_EQ(m.event.timestamp, m.event.created);
  EXPECT_TRUE(m.event.time_flags.has(TimeFlag::no_timestamp));
  EXPECT_EQ(m.event.time_original, "26533956399537728");
  JournalClockSteps steps;
  EXPECT_FALSE(steps.observe("b1", 1'000'000, 1'000'000));
  EXPECT_FALSE(steps.observe("b1", entry.realtime_us, 2'000'000));
}

TEST(JournalEntry, BinaryMessageIsKeptExactlyAsBase64) {
  Mapped m;
  map(m, {std::string("MESSAGE=bin\xff\x01", 13), std::string("DUMP=\x80", 6)});
  EXPECT_EQ(m.event.message, std::string_view("bin\xff\x01", 5));
  EXPECT_EQ(field(m.event, "journald.message_base64")->value.text, "Ymlu/wE=");
  EXPECT_EQ(field(m.event, "journald.custom.dump_base64")->value.text, "gA==");
}

TEST(JournalEntry, TextWithNewlinesNeedsNoBase64) {
  Mapped m;
  map(m, {"MESSAGE=line one\nline two"});
  EXPECT_EQ(m.event.message, "line one\nline two");
  EXPECT_EQ(field(m.event, "journald.message_base64"), nullptr);
}

TEST(JournalEntry, ChronydStepIsAnnotatedAsInSyslog) {
  Mapped m;
  map(m, {"MESSAGE=System clock was stepped by -2.500000 seconds", "SYSLOG_IDENTIFIER=chronyd"});
  EXPECT_EQ(field(m.event, "event.action")->value.text, "clock_step");
  EXPECT_DOUBLE_EQ(field(m.event, "horolog.clock.step_s")->value.f64, -2.5);
}

TEST(JournalEntry, ARepeatedFieldKeepsItsFirstValue) {
  Mapped m;
  map(m, {"MESSAGE=x", "TAG=a", "TAG=b"});
  int tags = 0;
  for (const Field& f : m.event.fields) tags += f.key == "journald.custom.tag";
  EXPECT_EQ(tags, 1);
  EXPECT_EQ(field(m.event, "journald.custom.tag")->value.text, "a");
}

TEST(JournalClockSteps, AStepIsWhereWallAndMonotonicClocksPart) {
  JournalClockSteps steps;
  EXPECT_FALSE(steps.observe("b1", 1'000'000'000, 10'000'000));    // first entry of the boot
  EXPECT_FALSE(steps.observe("b1", 1'002'000'000, 12'000'000));    // both went 2 s on
  const auto step = steps.observe("b1", 997'000'000, 13'000'000);  // wall went 5 s back
  ASSERT_TRUE(step);
  EXPECT_EQ(*step, -6'000'000);
}

TEST(JournalClockSteps, SlewAndJitterAreNotSteps) {
  JournalClockSteps steps;
  EXPECT_FALSE(steps.observe("b1", 1'000'000'000, 0));
  // An hour apart, 1.5 s more wall time: within 1 s plus 500 ppm of slewing.
  EXPECT_FALSE(steps.observe("b1", 1'000'000'000 + 3'601'500'000, 3'600'000'000));
}

TEST(JournalClockSteps, EachBootHasItsOwnMonotonicClock) {
  JournalClockSteps steps;
  EXPECT_FALSE(steps.observe("b1", 1'000'000'000, 900'000'000));
  // A new boot: its monotonic clock starts again near zero; no step.
  EXPECT_FALSE(steps.observe("b2", 1'100'000'000, 1'000'000));
  EXPECT_FALSE(steps.observe("b2", 1'101'000'000, 2'000'000));
  EXPECT_TRUE(steps.observe("b1", 1'200'000'000, 901'000'000));  // b1 again, 199 s of wall
}

}  // namespace
}  // namespace horolog
