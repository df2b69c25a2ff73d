// The progress line and the closing summary, as text.
#include "agent/commands/replay/replay_progress.h"

#include <gtest/gtest.h>

namespace horolog {
namespace {

TEST(ReplayProgress, ShowsBytesRateAndRemainingTime) {
  EXPECT_EQ(format_progress(100'000'000, 200'000'000, 5'000'000, 10.0),
            "[###############...............]  50%  100.0/200.0 MB  500k events/s  ETA 0:10");
  EXPECT_EQ(format_progress(150'000'000, 200'000'000, 30'000'000, 15.0),
            "[######################........]  75%  150.0/200.0 MB  2.00M events/s  ETA 0:05");
}

TEST(ReplayProgress, HasNoEtaBeforeAnythingWasRead) {
  EXPECT_EQ(format_progress(0, 200'000'000, 0, 0.0),
            "[..............................]   0%  0.0/200.0 MB  0 events/s  ETA --:--");
}

TEST(ReplayProgress, SummarisesFilesEventsThroughputAndClockHistory) {
  ReplayTotals totals;
  totals.files = 4;
  totals.bytes_read = 1'000'000;
  totals.bytes_decoded = 4'000'000;
  totals.events = 20'000;
  totals.parse_errors = 3;
  totals.seconds = 2.0;
  EXPECT_EQ(format_summary(totals, false),
            "replay: 4 files, 20000 events, 1.0 MB read (4.0 MB of log text) in 2.00 s: 2.0 MB/s, "
            "10000 events/s; 3 parse errors");
  totals.with_history = true;
  totals.corrected = 19'000;
  totals.out_of_range = 1'000;
  totals.files = 1;
  EXPECT_EQ(format_summary(totals, true),
            "replay (interrupted): 1 file, 20000 events, 1.0 MB read (4.0 MB of log text) in 2.00 "
            "s: 2.0 MB/s, 10000 events/s; clock history: 19000 corrected, 1000 out of range; 3 "
            "parse errors");
}

}  // namespace
}  // namespace horolog
