// NTPv4 header codec and reply validation.
#include "normalizer/clock/ntp_packet.h"

#include <sys/random.h>

#include <cerrno>

namespace horolog {
namespace {

void put32(std::uint8_t* out, std::uint32_t value) noexcept {
  out[0] = static_cast<std::uint8_t>(value >> 24);
  out[1] = static_cast<std::uint8_t>(value >> 16);
  out[2] = static_cast<std::uint8_t>(value >> 8);
  out[3] = static_cast<std::uint8_t>(value);
}

std::uint32_t get32(const std::uint8_t* in) noexcept {
  return (std::uint32_t{in[0]} << 24) | (std::uint32_t{in[1]} << 16) | (std::uint32_t{in[2]} << 8) |
         std::uint32_t{in[3]};
}

void put_stamp(std::uint8_t* out, NtpTimestamp stamp) noexcept {
  put32(out, stamp.seconds);
  put32(out + 4, stamp.fraction);
}

NtpTimestamp get_stamp(const std::uint8_t* in) noexcept { return {get32(in), get32(in + 4)}; }

}  // namespace

void encode_header(const NtpHeader& h, std::span<std::uint8_t, kNtpHeaderSize> out) noexcept {
  std::uint8_t* p = out.data();
  p[0] = static_cast<std::uint8_t>(((h.leap & 3u) << 6) | ((h.version & 7u) << 3) | (h.mode & 7u));
  p[1] = h.stratum;
  p[2] = static_cast<std::uint8_t>(h.poll);
  p[3] = static_cast<std::uint8_t>(h.precision);
  put32(p + 4, h.root_delay);
  put32(p + 8, h.root_dispersion);
  put32(p + 12, h.reference_id);
  put_stamp(p + 16, h.reference);
  put_stamp(p + 24, h.origin);
  put_stamp(p + 32, h.receive);
  put_stamp(p + 40, h.transmit);
}

NtpHeader decode_header(std::span<const std::uint8_t, kNtpHeaderSize> in) noexcept {
  const std::uint8_t* p = in.data();
  NtpHeader h;
  h.leap = static_cast<std::uint8_t>(p[0] >> 6);
  h.version = static_cast<std::uint8_t>((p[0] >> 3) & 7u);
  h.mode = static_cast<std::uint8_t>(p[0] & 7u);
  h.stratum = p[1];
  h.poll = static_cast<std::int8_t>(p[2]);
  h.precision = static_cast<std::int8_t>(p[3]);
  h.root_delay = get32(p + 4);
  h.root_dispersion = get32(p + 8);
  h.reference_id = get32(p + 12);
  h.reference = get_stamp(p + 16);
  h.origin = get_stamp(p + 24);
  h.receive = get_stamp(p + 32);
  h.transmit = get_stamp(p + 40);
  return h;
}

NtpHeader make_request(NtpTimestamp nonce) noexcept {
  NtpHeader h;
  h.leap = 0;
  h.version = kNtpVersion;
  h.mode = static_cast<std::uint8_t>(NtpMode::client);
  h.transmit = nonce;
  return h;
}

NtpTimestamp random_nonce() noexcept {
  std::uint64_t bits = 0;
  auto* out = reinterpret_cast<unsigned char*>(&bits);
  std::size_t filled = 0;
  while (filled < sizeof bits) {
    const ssize_t n = getrandom(out + filled, sizeof bits - filled, 0);
    if (n > 0)
      filled += static_cast<std::size_t>(n);
    else if (errno != EINTR)
      break;
  }
  // A zero transmit timestamp means "no request" to a server; never send one.
  if (bits == 0) bits = 1;
  return NtpTimestamp::from_raw(bits);
}

ReplyStatus validate_reply(const NtpHeader& reply, NtpTimestamp nonce) noexcept {
  if (reply.mode != static_cast<std::uint8_t>(NtpMode::server)) return ReplyStatus::bad_mode;
  if (reply.version < 3 || reply.version > 4) return ReplyStatus::bad_version;
  // Checked before the kiss codes: an unauthenticated KoD that does not echo our nonce is
  // a cheap way to make us stop querying a good server.
  if (reply.origin != nonce) return ReplyStatus::bogus_origin;
  if (reply.stratum == 0) {
    switch (reply.reference_id) {
      case kiss_code("RATE"): return ReplyStatus::kiss_rate;
      case kiss_code("DENY"): return ReplyStatus::kiss_deny;
      case kiss_code("RSTR"): return ReplyStatus::kiss_rstr;
      case kiss_code("NTSN"): return ReplyStatus::kiss_ntsn;
      default: return ReplyStatus::kiss_other;
    }
  }
  if (reply.stratum > 15) return ReplyStatus::bad_stratum;
  if (reply.leap == 3) return ReplyStatus::unsynchronized;
  if (reply.transmit.is_zero() || reply.receive.is_zero()) return ReplyStatus::zero_timestamp;
  return ReplyStatus::ok;
}

std::string_view to_string(ReplyStatus status) noexcept {
  switch (status) {
    case ReplyStatus::ok: return "ok";
    case ReplyStatus::bad_length: return "bad_length";
    case ReplyStatus::bad_mode: return "bad_mode";
    case ReplyStatus::bad_version: return "bad_version";
    case ReplyStatus::bogus_origin: return "bogus_origin";
    case ReplyStatus::kiss_rate: return "kiss_rate";
    case ReplyStatus::kiss_deny: return "kiss_deny";
    case ReplyStatus::kiss_rstr: return "kiss_rstr";
    case ReplyStatus::kiss_ntsn: return "kiss_ntsn";
    case ReplyStatus::kiss_other: return "kiss_other";
    case ReplyStatus::bad_stratum: return "bad_stratum";
    case ReplyStatus::unsynchronized: return "unsynchronized";
    case ReplyStatus::zero_timestamp: return "zero_timestamp";
    case ReplyStatus::bad_auth: return "bad_auth";
  }
  return "unknown";
}

}  // namespace horolog
