// DeliveryWindow: in-order advancement, pinning on failure, and the in-flight bound.
#include "agent/engine/delivery_window.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace horolog::test {
namespace {

TEST(DeliveryWindow, AdvancesOnlyThroughContiguousDeliveredBatches) {
  DeliveryWindow window(8, SourcePosition(100));
  std::atomic<bool> stop{false};
  ASSERT_TRUE(window.begin(1, SourcePosition(200), stop));
  ASSERT_TRUE(window.begin(2, SourcePosition(300), stop));
  ASSERT_TRUE(window.begin(3, SourcePosition(400), stop));
  window.complete(2, true);  // out of order: must wait for 1
  EXPECT_EQ(window.durable_position().offset, 100u);
  window.complete(1, true);
  EXPECT_EQ(window.durable_position().offset, 300u);
  window.complete(3, true);
  EXPECT_EQ(window.durable_position().offset, 400u);
  EXPECT_EQ(window.in_flight(), 0u);
}

TEST(DeliveryWindow, AFailedBatchPinsThePositionBeforeIt) {
  DeliveryWindow window(8, SourcePosition(0));
  std::atomic<bool> stop{false};
  ASSERT_TRUE(window.begin(1, SourcePosition(10), stop));
  ASSERT_TRUE(window.begin(2, SourcePosition(20), stop));
  ASSERT_TRUE(window.begin(3, SourcePosition(30), stop));
  window.complete(1, true);
  window.complete(2, false);
  window.complete(3, true);
  EXPECT_EQ(window.durable_position().offset, 10u);  // 2 will be read again after a restart
}

TEST(DeliveryWindow, BlocksTheReaderWhileTheWindowIsFull) {
  DeliveryWindow window(2, SourcePosition(0));
  std::atomic<bool> stop{false};
  ASSERT_TRUE(window.begin(1, SourcePosition(10), stop));
  ASSERT_TRUE(window.begin(2, SourcePosition(20), stop));
  std::atomic<bool> third_started{false};
  std::thread reader([&] {
    EXPECT_TRUE(window.begin(3, SourcePosition(30), stop));
    third_started = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  EXPECT_FALSE(third_started);
  window.complete(1, true);
  reader.join();
  EXPECT_TRUE(third_started);
}

TEST(DeliveryWindow, SaysWhenACompletionMadeRoomForAPausedReader) {
  DeliveryWindow window(2, SourcePosition(0));
  std::atomic<bool> stop{false};
  ASSERT_TRUE(window.begin(1, SourcePosition(10), stop));
  EXPECT_FALSE(window.full());
  ASSERT_TRUE(window.begin(2, SourcePosition(20), stop));
  EXPECT_TRUE(window.full());
  EXPECT_FALSE(window.complete(2, true));  // still waiting for 1: no room yet
  EXPECT_TRUE(window.full());
  EXPECT_TRUE(window.complete(1, true));
  EXPECT_FALSE(window.full());
  ASSERT_TRUE(window.begin(3, SourcePosition(30), stop));
  EXPECT_FALSE(window.complete(3, true));  // the window was not full
}

TEST(DeliveryWindow, StopReleasesABlockedReader) {
  DeliveryWindow window(1, SourcePosition(0));
  std::atomic<bool> stop{false};
  ASSERT_TRUE(window.begin(1, SourcePosition(10), stop));
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    stop = true;
  });
  EXPECT_FALSE(window.begin(2, SourcePosition(20), stop));
  stopper.join();
}

}  // namespace
}  // namespace horolog::test
