// FILETIME and SYSTEMTIME rendered as Windows renders them in event XML.
#include "parsers/winevent/windows_time_text.h"

#include <gtest/gtest.h>

#include <string>

namespace horolog::winevent {
namespace {

struct FiletimeCase {
  std::uint64_t filetime;
  const char* text;
};

class FiletimeText : public ::testing::TestWithParam<FiletimeCase> {};

TEST_P(FiletimeText, RendersSevenDigitUtc) {
  char out[kWindowsTimeMaxLength];
  EXPECT_EQ(std::string(out, format_filetime(GetParam().filetime, out)), GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(
    Values, FiletimeText,
    ::testing::Values(FiletimeCase{0, "1601-01-01T00:00:00.0000000Z"},
                      FiletimeCase{116444736000000000ull, "1970-01-01T00:00:00.0000000Z"},
                      FiletimeCase{131116874743460000ull, "2016-06-29T15:24:34.3460000Z"},
                      FiletimeCase{116444736000000001ull, "1970-01-01T00:00:00.0000001Z"},
                      // A leap day, and the largest FILETIME Windows accepts.
                      FiletimeCase{132274080000000000ull, "2020-02-29T00:00:00.0000000Z"},
                      FiletimeCase{0x7FFFFFFFFFFFFFFFull, "30828-09-14T02:48:05.4775807Z"}));

TEST(SystemTimeText, RendersMillisecondUtc) {
  char out[kWindowsTimeMaxLength];
  const SystemTime time{2026, 10, 0, 25, 1, 30, 5, 7};
  EXPECT_EQ(std::string(out, format_systemtime(time, out)), "2026-10-25T01:30:05.007Z");
}

}  // namespace
}  // namespace horolog::winevent
