// Patterns are lists of words that must all appear; the first pattern that matches wins, so
// the specific (alerting) ones come before the general ones of the same program.
#include "parsers/winevent/time_command_match.h"

#include <array>

#include "parsers/winevent/ascii_text.h"

namespace horolog::winevent {
namespace {

constexpr std::string_view kAction = "time_command";

struct CommandPattern {
  std::array<std::string_view, 4> words;  // all must appear as whole words; empty = unused
  ClockVerdict verdict;
};

constexpr ClockVerdict kSetsClock{kAction, "Clock set from the command line", &kTimestomp};
constexpr ClockVerdict kStopsService{kAction, "Time service stopped or disabled", &kTimestomp};
constexpr ClockVerdict kFailureCommand{kAction, "Time service failure command set",
                                       &kWindowsService};
constexpr ClockVerdict kConfigures{kAction, {}, nullptr};

constexpr CommandPattern kPatterns[] = {
    {{"set-date"}, kSetsClock},
    {{"cmd", "/c date"}, kSetsClock},
    {{"cmd", "/c time"}, kSetsClock},
    {{"cmd", "/k date"}, kSetsClock},
    {{"cmd", "/k time"}, kSetsClock},
    {{"timedatectl", "set-time"}, kSetsClock},
    {{"date", "-s"}, kSetsClock},
    {{"date", "--set"}, kSetsClock},
    {{"hwclock", "--set"}, kSetsClock},
    {{"sc", "failure", "w32time"}, kFailureCommand},
    {{"reg", "add", "w32time", "failurecommand"}, kFailureCommand},
    {{"sc", "config", "w32time", "disabled"}, kStopsService},
    {{"sc", "stop", "w32time"}, kStopsService},
    {{"net", "stop", "w32time"}, kStopsService},
    {{"net1", "stop", "w32time"}, kStopsService},
    {{"stop-service", "w32time"}, kStopsService},
    {{"w32tm", "/config", "/syncfromflags:no"}, kStopsService},
    {{"sc", "config", "w32time"}, kConfigures},
    {{"reg", "add", "w32time"}, kConfigures},
    {{"w32tm", "/config"}, kConfigures},
};

// Letters, digits and `%` (cmd's `%date%` variable is no date command) make up words.
constexpr bool is_word_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '%';
}

bool has_word(std::string_view text, std::string_view word) noexcept {
  for (std::size_t at = ifind(text, word); at != std::string_view::npos;
       at = ifind(text, word, at + 1)) {
    const std::size_t end = at + word.size();
    const bool starts = at == 0 || !is_word_char(text[at - 1]) || !is_word_char(word.front());
    const bool ends = end == text.size() || !is_word_char(text[end]) || !is_word_char(word.back());
    if (starts && ends) return true;
  }
  return false;
}

bool matches(std::string_view command_line, const CommandPattern& pattern) noexcept {
  for (std::string_view word : pattern.words) {
    if (!word.empty() && !has_word(command_line, word)) return false;
  }
  return true;
}

// Every pattern holds a word starting with `date`, `time`, `w32t` (w32tm, w32time) or `hwclock`:
// one pass over the line rules out most command lines (process creation is frequent, and
// `RuntimeBroker` or `update` are no such words) before any pattern is tried.
bool may_match(std::string_view line) noexcept {
  constexpr std::string_view kAnchors[] = {"date", "time", "w32t", "hwclock"};
  for (std::size_t at = 0; at < line.size(); ++at) {
    const char c = static_cast<char>(line[at] | 0x20);
    if (c != 'd' && c != 't' && c != 'w' && c != 'h') continue;
    if (at > 0 && is_word_char(line[at - 1])) continue;
    for (std::string_view anchor : kAnchors) {
      if (anchor.front() == c && iequals(line.substr(at, anchor.size()), anchor)) return true;
    }
  }
  return false;
}

}  // namespace

const ClockVerdict* match_time_command(std::string_view command_line) noexcept {
  if (!may_match(command_line)) return nullptr;
  for (const CommandPattern& pattern : kPatterns) {
    if (matches(command_line, pattern)) return &pattern.verdict;
  }
  return nullptr;
}

}  // namespace horolog::winevent
