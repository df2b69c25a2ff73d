// Encoding and checking of the NTS extension fields: 4-byte field headers (type, length with
// the header, a multiple of 4) after the NTP header; the authenticator seals an empty plaintext
// in requests and the new cookies in replies.
#include "normalizer/clock/nts_extension_fields.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "normalizer/clock/ntp_packet.h"

namespace horolog {
namespace {

// Nonce of a request's authenticator: RFC 8915 §5.6 asks for at least 16 bytes.
constexpr std::size_t kNonceSize = 16;

struct Field {
  std::uint16_t type = 0;
  std::size_t offset = 0;  // of the field header in the packet
  std::span<const std::uint8_t> body;
};

std::size_t padded(std::size_t size) noexcept { return (size + 3) & ~std::size_t{3}; }

void put_u16(std::vector<std::uint8_t>& out, std::size_t value) {
  out.push_back(static_cast<std::uint8_t>(value >> 8));
  out.push_back(static_cast<std::uint8_t>(value));
}

std::uint16_t get_u16(std::span<const std::uint8_t> data, std::size_t at) noexcept {
  return static_cast<std::uint16_t>((data[at] << 8) | data[at + 1]);
}

void put_field(std::vector<std::uint8_t>& out, NtsFieldType type,
               std::span<const std::uint8_t> body) {
  put_u16(out, static_cast<std::uint16_t>(type));
  put_u16(out, 4 + padded(body.size()));
  out.insert(out.end(), body.begin(), body.end());
  out.resize(out.size() + padded(body.size()) - body.size(), 0);
}

// The extension fields after the header; empty when they do not exactly fill the packet.
std::optional<std::vector<Field>> fields_of(std::span<const std::uint8_t> packet,
                                            std::size_t from) {
  std::vector<Field> fields;
  std::size_t at = from;
  while (at < packet.size()) {
    if (at + 4 > packet.size()) return std::nullopt;
    const std::size_t length = get_u16(packet, at + 2);
    if (length < 4 || length % 4 != 0 || at + length > packet.size()) return std::nullopt;
    fields.push_back({get_u16(packet, at), at, packet.subspan(at + 4, length - 4)});
    at += length;
  }
  return fields;
}

}  // namespace

bool fill_random(std::span<std::uint8_t> out) noexcept {
  return RAND_bytes(out.data(), static_cast<int>(out.size())) == 1;
}

bool append_nts_request_fields(std::vector<std::uint8_t>& packet, const NtsUniqueId& id,
                               std::span<const std::uint8_t> cookie, std::size_t placeholders,
                               const AesSivKey& c2s) {
  put_field(packet, NtsFieldType::unique_identifier, id);
  put_field(packet, NtsFieldType::cookie, cookie);
  // Placeholders as long as the cookie: the reply may grow no larger than the request (§5.7).
  const std::vector<std::uint8_t> placeholder(cookie.size(), 0);
  for (std::size_t i = 0; i < placeholders; ++i)
    put_field(packet, NtsFieldType::cookie_placeholder, placeholder);

  std::array<std::uint8_t, kNonceSize> nonce{};
  if (!fill_random(nonce)) return false;
  const std::span<const std::uint8_t> associated[] = {packet, nonce};
  const auto sealed = aes_siv_seal(c2s, associated, {});
  if (!sealed) return false;
  std::vector<std::uint8_t> body;
  put_u16(body, nonce.size());
  put_u16(body, sealed->size());
  body.insert(body.end(), nonce.begin(), nonce.end());
  body.insert(body.end(), sealed->begin(), sealed->end());
  put_field(packet, NtsFieldType::authenticator, body);
  return true;
}

bool echoes_unique_id(std::span<const std::uint8_t> packet, const NtsUniqueId& id) noexcept {
  if (packet.size() < kNtpHeaderSize) return false;
  const auto fields = fields_of(packet, kNtpHeaderSize);
  if (!fields) return false;
  for (const Field& f : *fields) {
    if (f.type == static_cast<std::uint16_t>(NtsFieldType::unique_identifier) &&
        f.body.size() == id.size() && CRYPTO_memcmp(f.body.data(), id.data(), id.size()) == 0) {
      return true;
    }
  }
  return false;
}

std::optional<std::vector<std::vector<std::uint8_t>>> open_nts_reply(
    std::span<const std::uint8_t> packet, const NtsUniqueId& id, const AesSivKey& s2c) {
  if (packet.size() < kNtpHeaderSize) return std::nullopt;
  const auto fields = fields_of(packet, kNtpHeaderSize);
  if (!fields) return std::nullopt;
  bool id_seen = false;
  for (const Field& f : *fields) {
    const auto type = static_cast<NtsFieldType>(f.type);
    if (type == NtsFieldType::unique_identifier) {
      id_seen =
          f.body.size() == id.size() && CRYPTO_memcmp(f.body.data(), id.data(), id.size()) == 0;
      continue;
    }
    if (type != NtsFieldType::authenticator) continue;
    // Only a Unique Identifier before the authenticator is covered by it.
    if (!id_seen || f.body.size() < 4) return std::nullopt;
    const std::size_t nonce_length = get_u16(f.body, 0);
    const std::size_t sealed_length = get_u16(f.body, 2);
    if (4 + padded(nonce_length) + padded(sealed_length) > f.body.size()) return std::nullopt;
    const auto nonce = f.body.subspan(4, nonce_length);
    const auto sealed = f.body.subspan(4 + padded(nonce_length), sealed_length);
    const std::span<const std::uint8_t> associated[] = {packet.first(f.offset), nonce};
    const auto plaintext = aes_siv_open(s2c, associated, sealed);
    if (!plaintext) return std::nullopt;
    const auto inner = fields_of(*plaintext, 0);
    if (!inner) return std::nullopt;
    std::vector<std::vector<std::uint8_t>> cookies;
    for (const Field& c : *inner) {
      if (c.type == static_cast<std::uint16_t>(NtsFieldType::cookie) && !c.body.empty())
        cookies.emplace_back(c.body.begin(), c.body.end());
    }
    return cookies;
  }
  return std::nullopt;
}

}  // namespace horolog
