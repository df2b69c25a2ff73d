// chrony's keyfile format (`ID [TYPE] KEY`, KEY as `HEX:…`, `ASCII:…` or plain text) read into
// a key ring; done once at start-up, so errors are values carrying the line number.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "normalizer/clock/ntp_auth.h"
#include "normalizer/error.h"

namespace horolog {

class NtpKeyRing {
 public:
  void add(NtpKey key);
  // nullptr when the ring has no key with this id.
  const NtpKey* find(std::uint32_t id) const noexcept;
  std::size_t size() const noexcept { return keys_.size(); }

 private:
  std::vector<NtpKey> keys_;
};

Result<NtpKeyRing> parse_chrony_keys(std::string_view text);
Result<NtpKeyRing> load_chrony_keyfile(const std::filesystem::path& path);

}  // namespace horolog
