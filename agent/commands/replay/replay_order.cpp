// Rotation suffixes are read from the end of the name: compression, then `.N` or a date.
#include "agent/commands/replay/replay_order.h"

#include <algorithm>
#include <map>

namespace horolog {

namespace {

bool all_digits(std::string_view text) noexcept {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::uint64_t to_number(std::string_view digits) noexcept {
  std::uint64_t value = 0;
  for (char c : digits) value = value * 10 + static_cast<std::uint64_t>(c - '0');
  return value;
}

// YYYYMMDD or YYYYMMDDHH with a plausible century, month and day.
bool looks_like_date(std::string_view digits) noexcept {
  if ((digits.size() != 8 && digits.size() != 10) || !all_digits(digits)) return false;
  const auto century = digits.substr(0, 2);
  const std::uint64_t month = to_number(digits.substr(4, 2));
  const std::uint64_t day = to_number(digits.substr(6, 2));
  return (century == "19" || century == "20") && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// Sort key within a set: smaller is older.
std::pair<int, std::int64_t> age_key(const RotationName& name) noexcept {
  switch (name.kind) {
    case RotationName::Kind::dated: return {0, static_cast<std::int64_t>(name.number)};
    case RotationName::Kind::numbered: return {1, -static_cast<std::int64_t>(name.number)};
    case RotationName::Kind::live: break;
  }
  return {2, 0};
}

}  // namespace

RotationName parse_rotation_name(std::string_view path) {
  std::string_view rest = path;
  for (std::string_view ext : {".gz", ".zst"}) {
    if (rest.size() > ext.size() && rest.ends_with(ext)) {
      rest.remove_suffix(ext.size());
      break;
    }
  }
  const std::size_t slash = rest.find_last_of('/');
  const std::size_t name_start = slash == std::string_view::npos ? 0 : slash + 1;
  const std::size_t cut = rest.find_last_of(".-");
  RotationName result;
  if (cut != std::string_view::npos && cut > name_start) {
    const std::string_view suffix = rest.substr(cut + 1);
    if (looks_like_date(suffix)) {
      result.kind = RotationName::Kind::dated;
      result.number = to_number(suffix) * (suffix.size() == 8 ? 100 : 1);
      result.base = std::string(rest.substr(0, cut));
      return result;
    }
    if (rest[cut] == '.' && all_digits(suffix) && suffix.size() <= 6) {
      result.kind = RotationName::Kind::numbered;
      result.number = to_number(suffix);
      result.base = std::string(rest.substr(0, cut));
      return result;
    }
  }
  result.base = std::string(rest);
  return result;
}

std::vector<ReplayFile> order_replay_files(std::vector<ReplayFile> files) {
  struct Member {
    ReplayFile file;
    RotationName name;
  };
  std::vector<std::vector<Member>> sets;
  std::map<std::string, std::size_t> set_of_base;
  for (ReplayFile& file : files) {
    RotationName name = parse_rotation_name(file.path);
    const auto [it, added] = set_of_base.try_emplace(name.base, sets.size());
    if (added) sets.emplace_back();
    sets[it->second].push_back({std::move(file), std::move(name)});
  }
  std::vector<ReplayFile> ordered;
  ordered.reserve(files.size());
  for (auto& set : sets) {
    std::stable_sort(set.begin(), set.end(), [](const Member& a, const Member& b) {
      return age_key(a.name) < age_key(b.name);
    });
    // Newest to oldest, carrying the earliest mtime seen so far.
    SysNanos anchor = SysNanos::max();
    for (std::size_t i = set.size(); i-- > 0;) {
      anchor = std::min(anchor, set[i].file.mtime);
      set[i].file.reference = anchor;
    }
    for (Member& member : set) ordered.push_back(std::move(member.file));
  }
  return ordered;
}

}  // namespace horolog
