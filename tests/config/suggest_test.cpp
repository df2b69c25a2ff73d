// "Did you mean": likely typos get the intended name, unrelated words get none.
#include "config/suggest.h"

#include <gtest/gtest.h>

#include <vector>

namespace horolog::config {
namespace {

const std::vector<std::string_view> kKeys = {"paths",    "exclude",         "read_from",
                                             "timezone", "max_record_size", "format"};

struct MatchCase {
  const char* word;
  const char* expected;  // nullptr: no suggestion
};

class ClosestMatch : public testing::TestWithParam<MatchCase> {};

TEST_P(ClosestMatch, SuggestsOnlyLikelyTypos) {
  auto match = closest_match(GetParam().word, kKeys);
  if (GetParam().expected == nullptr) {
    EXPECT_FALSE(match.has_value()) << *match;
  } else {
    ASSERT_TRUE(match.has_value());
    EXPECT_EQ(*match, GetParam().expected);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Suggest, ClosestMatch,
    testing::Values(MatchCase{"pahts", "paths"}, MatchCase{"path", "paths"},
                    MatchCase{"PATHS", "paths"}, MatchCase{"timezon", "timezone"},
                    MatchCase{"time_zone", "timezone"}, MatchCase{"excludes", "exclude"},
                    MatchCase{"read-from", "read_from"},
                    MatchCase{"max_recrod_size", "max_record_size"}, MatchCase{"fromat", "format"},
                    MatchCase{"brokers", nullptr}, MatchCase{"x", nullptr},
                    MatchCase{"compression", nullptr}));

TEST(Suggest, SuffixNamesTheSuggestion) {
  EXPECT_EQ(suggestion_suffix("pahts", kKeys), " (did you mean `paths`?)");
}

TEST(Suggest, SuffixListsAllCandidatesWhenNoneIsClose) {
  const std::vector<std::string_view> types = {"file", "stdout"};
  EXPECT_EQ(suggestion_suffix("kafka", types), " (expected one of: `file`, `stdout`)");
}

TEST(Suggest, SuffixIsEmptyWithoutCandidates) {
  EXPECT_EQ(suggestion_suffix("kafka", std::vector<std::string_view>{}), "");
}

}  // namespace
}  // namespace horolog::config
