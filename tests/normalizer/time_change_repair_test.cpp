// The timeline repair on hand-made record sequences: which records a clock change the log
// reports puts wrong, by how much, and what ends the wrong period.
#include "normalizer/time_change_repair.h"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

namespace horolog {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;

const SysNanos kStart = SysNanos(seconds(1'700'000'000));

Event record(SysNanos stamp, std::string_view host = "ws1") {
  Event event;
  event.timestamp = stamp;
  event.host = host;
  return event;
}

// A change by `by` from `previous` to `next`, logged at `stamp`.
Event change(ClockChange::By by, SysNanos previous, SysNanos next, SysNanos stamp,
             std::string_view host = "ws1") {
  Event event = record(stamp, host);
  event.clock_change.by = by;
  event.clock_change.has_step = true;
  event.clock_change.step = next - previous;
  event.clock_change.has_readings = true;
  event.clock_change.previous = previous;
  event.clock_change.next = next;
  return event;
}

// A change known only by its step (a daemon's "stepped by"), logged on the new clock.
Event step_only(ClockChange::By by, Nanoseconds step, SysNanos stamp) {
  Event event = record(stamp);
  event.clock_change.by = by;
  event.clock_change.has_step = true;
  event.clock_change.step = step;
  return event;
}

Event sync_gained(SysNanos stamp) {
  Event event = record(stamp);
  event.clock_change.by = ClockChange::By::time_service;
  return event;
}

std::vector<Event> repaired(std::vector<Event> events) {
  TimeChangeRepair repair;
  for (Event& event : events) repair.apply(event);
  return events;
}

TEST(TimeChangeRepair, RecordsWithoutChangesAreLeftAlone) {
  const auto events = repaired({record(kStart), record(kStart + seconds(1))});
  for (const Event& e : events) EXPECT_FALSE(e.time_repair.applied);
}

TEST(TimeChangeRepair, ManualStepAheadPutsLaterRecordsBackAtTrueTime) {
  const SysNanos before = kStart;
  const SysNanos after = kStart + hours(72);
  const auto events = repaired({
      record(kStart - seconds(1)),
      change(ClockChange::By::other, before, after, after),
      record(after + seconds(5)),
  });
  EXPECT_FALSE(events[0].time_repair.applied);
  ASSERT_TRUE(events[1].time_repair.applied);  // the change's own record is on the new clock
  EXPECT_EQ(events[1].timestamp + events[1].time_repair.offset, before);
  ASSERT_TRUE(events[2].time_repair.applied);
  EXPECT_EQ(events[2].timestamp + events[2].time_repair.offset, before + seconds(5));
  EXPECT_EQ(events[2].time_repair.since, before);
}

TEST(TimeChangeRepair, ChangeRecordStampedOnThePreviousClockIsNotCorrected) {
  const auto events = repaired({
      change(ClockChange::By::other, kStart, kStart + hours(72), kStart - milliseconds(2)),
      record(kStart + hours(72) + seconds(1)),
  });
  EXPECT_FALSE(events[0].time_repair.applied);
  EXPECT_TRUE(events[1].time_repair.applied);
}

TEST(TimeChangeRepair, TimeServiceStepEndsTheWrongPeriod) {
  const SysNanos ahead = kStart + hours(72);
  const auto events = repaired({
      change(ClockChange::By::other, kStart, ahead, ahead),
      record(ahead + seconds(1)),
      change(ClockChange::By::time_service, ahead + seconds(2), kStart + seconds(2),
             kStart + seconds(2)),
      record(kStart + seconds(3)),
  });
  EXPECT_TRUE(events[1].time_repair.applied);
  EXPECT_FALSE(events[2].time_repair.applied);  // stamped on the synchronized clock
  EXPECT_FALSE(events[3].time_repair.applied);
}

TEST(TimeChangeRepair, SynchronizationWithoutStepEndsTheWrongPeriod) {
  const auto events = repaired({
      step_only(ClockChange::By::other, seconds(-30), kStart),
      record(kStart + seconds(1)),
      sync_gained(kStart + seconds(2)),
      record(kStart + seconds(3)),
  });
  ASSERT_TRUE(events[1].time_repair.applied);
  EXPECT_EQ(events[1].time_repair.offset, seconds(30));
  EXPECT_FALSE(events[3].time_repair.applied);
}

TEST(TimeChangeRepair, StepThatUndoesTheChangeEndsTheWrongPeriod) {
  const SysNanos ahead = kStart + hours(1);
  const auto events = repaired({
      change(ClockChange::By::other, kStart, ahead, ahead),
      record(ahead + seconds(1)),
      change(ClockChange::By::other, ahead + seconds(2), kStart + seconds(2) + milliseconds(300),
             kStart + seconds(2) + milliseconds(300)),
      record(kStart + seconds(3)),
  });
  EXPECT_TRUE(events[1].time_repair.applied);
  EXPECT_FALSE(events[2].time_repair.applied);
  EXPECT_FALSE(events[3].time_repair.applied);
}

TEST(TimeChangeRepair, OneChangeReportedByTwoChannelsCountsOnce) {
  // Security 4616 and System Kernel-General 1 for the same change, in one mixed export.
  const SysNanos ahead = kStart + hours(72);
  const auto events = repaired({
      change(ClockChange::By::other, kStart, ahead, ahead),
      change(ClockChange::By::other, kStart, ahead, ahead),
      record(ahead + seconds(1)),
  });
  ASSERT_TRUE(events[2].time_repair.applied);
  EXPECT_EQ(events[2].timestamp + events[2].time_repair.offset, kStart + seconds(1));
}

TEST(TimeChangeRepair, AStepByAnUnknownWriterMakesNoClockWrongButAddsToAWrongOne) {
  const auto alone = repaired({
      step_only(ClockChange::By::unknown, hours(-10), kStart),
      record(kStart + seconds(1)),
  });
  EXPECT_FALSE(alone[1].time_repair.applied);
  const auto undoing = repaired({
      step_only(ClockChange::By::other, hours(10), kStart),
      record(kStart + seconds(1)),
      step_only(ClockChange::By::unknown, hours(-10), kStart - hours(10) + seconds(2)),
      record(kStart + seconds(3)),
  });
  EXPECT_TRUE(undoing[1].time_repair.applied);
  EXPECT_FALSE(undoing[3].time_repair.applied);
}

TEST(TimeChangeRepair, FurtherManualStepsAddUp) {
  const auto events = repaired({
      step_only(ClockChange::By::other, seconds(-8), kStart),
      step_only(ClockChange::By::other, seconds(-2), kStart + seconds(1)),
      record(kStart + seconds(2)),
  });
  EXPECT_EQ(events[0].time_repair.offset, seconds(8));
  EXPECT_EQ(events[2].time_repair.offset, seconds(10));
}

TEST(TimeChangeRepair, StepsBelowOneSecondOpenNoPeriod) {
  const auto events = repaired({
      step_only(ClockChange::By::other, milliseconds(400), kStart),
      record(kStart + seconds(1)),
  });
  EXPECT_FALSE(events[0].time_repair.applied);
  EXPECT_FALSE(events[1].time_repair.applied);
}

TEST(TimeChangeRepair, TimeServiceStepWithNoWrongPeriodCorrectsNothing) {
  const auto events = repaired({
      step_only(ClockChange::By::time_service, seconds(10), kStart),
      record(kStart + seconds(1)),
  });
  EXPECT_FALSE(events[0].time_repair.applied);
  EXPECT_FALSE(events[1].time_repair.applied);
}

TEST(TimeChangeRepair, OnlyTheChangedHostsRecordsAreCorrected) {
  const auto events = repaired({
      step_only(ClockChange::By::other, hours(2), kStart),
      record(kStart + seconds(1), "other-host"),
      record(kStart + seconds(1), "ws1"),
  });
  EXPECT_FALSE(events[1].time_repair.applied);
  EXPECT_TRUE(events[2].time_repair.applied);
}

TEST(TimeChangeRepair, RecordsWithoutTimestampAreNotCorrected) {
  std::vector<Event> events = {step_only(ClockChange::By::other, hours(2), kStart),
                               record(kStart + seconds(1))};
  events[1].time_flags.set(TimeFlag::no_timestamp);
  events = repaired(std::move(events));
  EXPECT_FALSE(events[1].time_repair.applied);
}

}  // namespace
}  // namespace horolog
