// The path sets behind the config's file checks: glob(3) and fnmatch(3) read as the file input
// calls them, path shapes with fields, relative paths and `..`, and exclusions.
#include "agent/config/path_overlap.h"

#include <gtest/gtest.h>

namespace horolog {
namespace {

const std::filesystem::path kCwd = "/srv/agent";

bool glob_meets(std::string_view glob, const config::PathShape& shape,
                std::vector<std::string_view> exclude = {}) {
  std::vector<PathPattern> excluded;
  for (std::string_view pattern : exclude) {
    excluded.push_back(PathPattern::fnmatch(pattern, false));
    excluded.push_back(PathPattern::fnmatch(pattern, true));
  }
  return share_a_path(PathPattern::glob(glob, kCwd), PathPattern::shape(shape, kCwd), excluded);
}

config::PathShape literal(std::string_view path) { return config::PathShape().literal(path); }

TEST(PathOverlap, GlobWildcardsStayInOneComponentAndSkipLeadingDots) {
  EXPECT_TRUE(glob_meets("/d/*", literal("/d/x.log")));
  EXPECT_FALSE(glob_meets("/d/*", literal("/d/sub/x.log")));
  EXPECT_FALSE(glob_meets("/d/*", literal("/d/.hidden")));
  EXPECT_FALSE(glob_meets("/d/?hidden", literal("/d/.hidden")));
  EXPECT_TRUE(glob_meets("/d/.*", literal("/d/.hidden")));
  EXPECT_TRUE(glob_meets("/d/x*", literal("/d/x.hidden")));  // a dot inside a name is ordinary
}

TEST(PathOverlap, BracketsReadClassesRangesAndNegationAndAnUnclosedOneIsLiteral) {
  EXPECT_TRUE(glob_meets("/d/[[:digit:]]", literal("/d/7")));
  EXPECT_FALSE(glob_meets("/d/[[:digit:]]", literal("/d/a")));
  EXPECT_TRUE(glob_meets("/d/[a-c]x", literal("/d/bx")));
  EXPECT_FALSE(glob_meets("/d/[!a-c]x", literal("/d/bx")));
  EXPECT_TRUE(glob_meets("/d/[]]", literal("/d/]")));
  EXPECT_TRUE(glob_meets("/d/[ab", literal("/d/[ab")));
  EXPECT_TRUE(glob_meets("/d/\\*", literal("/d/*")));
  EXPECT_FALSE(glob_meets("/d/\\*", literal("/d/x")));
}

TEST(PathOverlap, RelativePathsAreTakenFromTheWorkingDirectoryWithDotsResolved) {
  EXPECT_TRUE(glob_meets("out/*", literal("/srv/agent/out/x")));
  EXPECT_TRUE(glob_meets("./logs/../out/*", literal("./out/x")));
  EXPECT_TRUE(glob_meets("/x", literal("../../../../x")));  // `..` stops at the root
  EXPECT_TRUE(glob_meets("/d//e/./f", literal("/d/e/f")));
}

TEST(PathOverlap, FieldsStandForAnyTextOfOneComponentAndNumbersForDigits) {
  const config::PathShape by_input = config::PathShape().literal("/d/").field().literal(".log");
  EXPECT_TRUE(glob_meets("/d/*.log", by_input));
  EXPECT_TRUE(glob_meets("/d/.x.log", by_input));  // a field may begin with a dot
  EXPECT_FALSE(glob_meets("/d/.log", by_input));   // but is never empty
  EXPECT_FALSE(glob_meets("/d/*/x.log", by_input));
  const config::PathShape rotated = config::PathShape().literal("/d/x.").number();
  EXPECT_TRUE(glob_meets("/d/x.1[0-9]", rotated));
  EXPECT_FALSE(glob_meets("/d/x.a*", rotated));
  const config::PathShape below = config::PathShape().literal("/var/").below();
  EXPECT_TRUE(glob_meets("/var/*/*/*.json", below));
}

TEST(PathOverlap, AnExcludedPathIsNoSharedPath) {
  const config::PathShape out = config::PathShape().literal("/d/").field().literal(".ndjson");
  EXPECT_FALSE(glob_meets("/d/*", out, {"*.ndjson"}));     // the file name
  EXPECT_FALSE(glob_meets("/d/*", out, {"/d/*"}));         // the full path
  EXPECT_FALSE(glob_meets("/d/*", out, {"/*.ndjson"}));    // `*` of fnmatch crosses '/'
  EXPECT_TRUE(glob_meets("/d/*", out, {"a*", "b*"}));      // other names stay
  EXPECT_TRUE(glob_meets("/d/*", out, {"./d/*.ndjson"}));  // never matches an absolute path
  EXPECT_FALSE(glob_meets("/d/*", out, {"[!a]*", "a*"}));  // together they cover every name
}

}  // namespace
}  // namespace horolog
