// Randomized: arbitrary bytes in messages, keys and values must always give one line of valid
// UTF-8 JSON with unique keys and every value kept. Seeded by HOROLOG_TEST_SEED (tests/support).
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "sinks/json_string.h"
#include "sinks/ndjson_encoder.h"
#include "tests/sinks_encoder/json_line_check.h"
#include "tests/support/test_seed.h"

namespace horolog {
namespace {

class RandomText {
 public:
  explicit RandomText(std::uint64_t seed) : rng_(seed) {}

  std::uint64_t below(std::uint64_t n) { return rng_() % n; }

  // Mostly log-like text, with controls, JSON specials, stray high bytes and whole UTF-8
  // sequences mixed in.
  std::string text(std::size_t max_length) {
    std::string out;
    const std::size_t length = below(max_length + 1);
    while (out.size() < length) {
      const auto roll = below(100);
      if (roll < 55) {
        out.push_back(static_cast<char>(0x20 + below(0x5F)));
      } else if (roll < 65) {
        out.push_back(static_cast<char>(below(0x20)));
      } else if (roll < 72) {
        out.push_back("\"\\/\x7f"[below(4)]);
      } else if (roll < 90) {
        out.push_back(static_cast<char>(0x80 + below(0x80)));
      } else {
        static const std::string_view kSequences[] = {"\xc3\xa9",         "\xe6\x99\x82",
                                                      "\xf0\x9f\x95\x92", "\xed\xa0\x80",
                                                      "\xef\xbb\xbf",     "\xf4\x8f\xbf\xbf"};
        out.append(kSequences[below(std::size(kSequences))]);
      }
    }
    return out;
  }

  // Dotted keys built from a few segments so that merges and collisions are frequent.
  std::string key() {
    static const std::string_view kSegments[] = {"host",    "name", "message", "log",      "a",  "",
                                                 "process", "pid",  "x\xff",   "\xc3\xa9", "a_2"};
    if (below(10) == 0) return text(12);
    std::string out;
    const auto segments = 1 + below(4);
    for (std::uint64_t i = 0; i < segments; ++i) {
      if (i > 0) out.push_back('.');
      out.append(kSegments[below(std::size(kSegments))]);
    }
    return out;
  }

  SysNanos time() { return SysNanos{Nanoseconds{static_cast<std::int64_t>(rng_())}}; }

 private:
  std::mt19937_64 rng_;
};

// Valid JSON values that each count as one leaf; some span lines.
constexpr std::string_view kJsonValues[] = {
    R"({"k":"v"})", "[1,\n2]", "\"s\"", "true", "-1.5e3", "{\r\n\"deep\":{\"er\":null}}"};

TEST(EncoderRandom, EveryLineIsValidUtf8JsonWithUniqueKeysAndAllValues) {
  const test::TestSeed seed;
  RandomText random(seed.value());
  NdjsonEncoder encoder;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  std::vector<std::string> texts;  // owns what the event's views point at

  for (int iteration = 0; iteration < 2000; ++iteration) {
    texts.clear();
    texts.reserve(64);
    const auto keep = [&texts](std::string text) -> std::string_view {
      texts.push_back(std::move(text));
      return texts.back();
    };
    Event event;
    event.timestamp = random.time();
    event.created = random.time();
    event.precision_digits = static_cast<std::uint8_t>(random.below(10));
    event.message = keep(random.text(160));
    event.host = keep(random.text(8));
    event.app = keep(random.text(8));
    event.time_original = keep(random.text(8));
    event.pid = static_cast<std::int64_t>(random.below(3)) - 1;
    event.facility = static_cast<std::int16_t>(static_cast<int>(random.below(30)) - 1);
    event.severity = static_cast<std::int16_t>(static_cast<int>(random.below(10)) - 1);
    event.flags = static_cast<std::uint8_t>(random.below(4));
    event.error = keep(random.text(8));
    event.stamped_by_host_clock = random.below(2) == 0;
    for (std::uint64_t bit = 0; bit < std::size(kTimeFlagNames); ++bit) {
      if (random.below(4) == 0) event.time_flags.set(static_cast<TimeFlag>(1u << bit));
    }
    ClockEstimate clock;
    clock.source = static_cast<ClockSource>(random.below(6));
    clock.offset =
        Nanoseconds{static_cast<std::int64_t>(random.below(7'200'000'000'000)) - 3'600'000'000'000};
    clock.error_bound = Nanoseconds{static_cast<std::int64_t>(random.below(1'000'000'000))};
    // Keep the corrected time inside the representable range.
    if (event.timestamp.time_since_epoch() > Nanoseconds{INT64_MAX / 2} ||
        event.timestamp.time_since_epoch() < Nanoseconds{INT64_MIN / 2}) {
      event.timestamp = SysNanos{event.timestamp.time_since_epoch() / 2};
    }
    const EncodeContext context{random.below(3) == 0 ? nullptr : &clock};

    std::string line;
    encoder.encode(event, context, line);
    ASSERT_TRUE(test::parse_json_line(parser, line, root)) << "iteration " << iteration;
    const std::size_t fixed_leaves = test::count_leaves(root);

    const auto field_count = random.below(12);
    for (std::uint64_t i = 0; i < field_count; ++i) {
      const std::string_view key = keep(random.key());
      switch (random.below(6)) {
        case 0: event.add(key, FieldValue::string(keep(random.text(24)))); break;
        case 1:
          event.add(key, FieldValue::int64(static_cast<std::int64_t>(random.below(1u << 31)) -
                                           (1 << 30)));
          break;
        case 2: event.add(key, FieldValue::uint64(random.below(UINT64_MAX))); break;
        case 3:
          event.add(key, FieldValue::float64(static_cast<double>(random.below(1000)) / 7.0));
          break;
        case 4: event.add(key, FieldValue::boolean(random.below(2) == 0)); break;
        default:
          event.add(key, FieldValue::json(kJsonValues[random.below(std::size(kJsonValues))]));
      }
    }
    line.clear();
    encoder.encode(event, context, line);
    ASSERT_TRUE(test::parse_json_line(parser, line, root)) << "iteration " << iteration;
    EXPECT_EQ(test::count_leaves(root), fixed_leaves + field_count) << line;
    std::string repaired;
    append_utf8_repaired(repaired, event.message);
    EXPECT_EQ(test::string_at(root, "/message"), repaired) << "iteration " << iteration;

    // The encoder keeps the extras' layout from event to event: the same event again (layout
    // reused) and a fresh encoder (layout built anew) must give the same bytes.
    std::string again;
    encoder.encode(event, context, again);
    EXPECT_EQ(again, line) << "iteration " << iteration;
    std::string fresh;
    NdjsonEncoder().encode(event, context, fresh);
    EXPECT_EQ(fresh, line) << "iteration " << iteration;
  }
}

TEST(EncoderRandom, Utf8CheckAgreesWithSimdjsonAndRepairAlwaysValidates) {
  const test::TestSeed seed;
  RandomText random(seed.value());
  for (int iteration = 0; iteration < 20000; ++iteration) {
    const std::string text = random.text(40);
    ASSERT_EQ(is_valid_utf8(text), simdjson::validate_utf8(text.data(), text.size()))
        << "iteration " << iteration;
    std::string repaired;
    append_utf8_repaired(repaired, text);
    ASSERT_TRUE(simdjson::validate_utf8(repaired.data(), repaired.size()));
    if (is_valid_utf8(text)) {
      EXPECT_EQ(repaired, text);
    }
  }
}

}  // namespace
}  // namespace horolog
