// Parser for chrony's keyfile (chrony.conf(5), "keyfile"): one key per line, '#' comments.
#include "normalizer/clock/ntp_keyfile.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>

namespace horolog {
namespace {

constexpr std::string_view kSpace = " \t\r";

std::string_view next_word(std::string_view& line) {
  const std::size_t begin = line.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) {
    line = {};
    return {};
  }
  line.remove_prefix(begin);
  const std::size_t end = std::min(line.find_first_of(kSpace), line.size());
  const std::string_view word = line.substr(0, end);
  line.remove_prefix(end);
  return word;
}

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return (x | 0x20) == (y | 0x20); });
}

std::optional<NtpKeyType> key_type(std::string_view name) {
  constexpr NtpKeyType kTypes[] = {NtpKeyType::md5,    NtpKeyType::sha1,   NtpKeyType::sha256,
                                   NtpKeyType::sha384, NtpKeyType::sha512, NtpKeyType::aes128,
                                   NtpKeyType::aes256};
  for (const NtpKeyType type : kTypes) {
    if (iequals(name, to_string(type))) return type;
  }
  return std::nullopt;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::vector<std::uint8_t>> decode_secret(std::string_view text) {
  std::vector<std::uint8_t> secret;
  if (text.size() > 4 && iequals(text.substr(0, 4), "HEX:")) {
    text.remove_prefix(4);
    if (text.size() % 2 != 0) return std::nullopt;
    for (std::size_t i = 0; i < text.size(); i += 2) {
      const int hi = hex_digit(text[i]);
      const int lo = hex_digit(text[i + 1]);
      if (hi < 0 || lo < 0) return std::nullopt;
      secret.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
    }
    return secret;
  }
  if (text.size() > 6 && iequals(text.substr(0, 6), "ASCII:")) text.remove_prefix(6);
  secret.assign(text.begin(), text.end());
  return secret;
}

}  // namespace

void NtpKeyRing::add(NtpKey key) {
  const auto same_id = [&](const NtpKey& k) { return k.id == key.id; };
  std::erase_if(keys_, same_id);
  keys_.push_back(std::move(key));
}

const NtpKey* NtpKeyRing::find(std::uint32_t id) const noexcept {
  const auto it =
      std::find_if(keys_.begin(), keys_.end(), [&](const NtpKey& k) { return k.id == id; });
  return it == keys_.end() ? nullptr : &*it;
}

Result<NtpKeyRing> parse_chrony_keys(std::string_view text) {
  NtpKeyRing ring;
  int line_number = 0;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    ++line_number;
    const auto error = [&](std::string_view what) {
      return fail(ErrorCode::invalid_config,
                  "line " + std::to_string(line_number) + ": " + std::string(what));
    };
    const std::string_view id_text = next_word(line);
    if (id_text.empty() || id_text.front() == '#') continue;
    NtpKey key;
    const auto [ptr, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), key.id);
    if (ec != std::errc{} || ptr != id_text.data() + id_text.size() || key.id == 0) {
      return error("key id must be a number from 1 to 4294967295");
    }
    const std::string_view second = next_word(line);
    const std::string_view third = next_word(line);
    if (!next_word(line).empty()) return error("expected `ID [TYPE] KEY`");
    std::string_view secret_text = second;
    if (!third.empty()) {
      const std::optional<NtpKeyType> type = key_type(second);
      if (!type) return error("unsupported key type `" + std::string(second) + "`");
      key.type = *type;
      secret_text = third;
    }
    if (secret_text.empty()) return error("missing key");
    std::optional<std::vector<std::uint8_t>> secret = decode_secret(secret_text);
    if (!secret || secret->empty()) return error("malformed HEX: key");
    if (key.type == NtpKeyType::aes128 && secret->size() != 16) {
      return error("AES128 keys are 16 bytes");
    }
    if (key.type == NtpKeyType::aes256 && secret->size() != 32) {
      return error("AES256 keys are 32 bytes");
    }
    key.secret = std::move(*secret);
    ring.add(std::move(key));
  }
  return ring;
}

Result<NtpKeyRing> load_chrony_keyfile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Error::from_errno(errno, "cannot open key file " + path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  auto ring = parse_chrony_keys(text.str());
  if (!ring) return fail(ring.error().within(path.string()));
  return ring;
}

}  // namespace horolog
