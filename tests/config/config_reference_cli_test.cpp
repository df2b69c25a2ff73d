// `horolog config-reference` through the real binary: the README's reference section is its
// output, so the documentation cannot drift from the declarations.
#include <gtest/gtest.h>

#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog {
namespace {

TEST(ConfigReference, TheReadmeShowsTheReferenceOfTheCurrentDeclarations) {
  const auto result = test::run_process({test::horolog_binary().string(), "config-reference"});
  ASSERT_EQ(result.exit_code, 0);
  const std::string readme = test::read_file(test::source_path("README.md"));
  const std::string begin =
      "<!-- config-reference:begin (scripts/update-config-reference.sh) -->\n";
  const auto start = readme.find(begin);
  const auto stop = readme.find("<!-- config-reference:end -->");
  ASSERT_NE(start, std::string::npos);
  ASSERT_NE(stop, std::string::npos);
  EXPECT_EQ(readme.substr(start + begin.size(), stop - start - begin.size()), result.out)
      << "README.md is out of date: run scripts/update-config-reference.sh";
}

}  // namespace
}  // namespace horolog
