// The NTS-KE record codec: type with its critical bit, length, body; strict on what a client
// must refuse (unknown critical records, errors, warnings, a protocol or AEAD it did not offer).
#include "normalizer/clock/nts_ke_records.h"

#include <string_view>

namespace horolog {
namespace {

constexpr std::uint16_t kCritical = 0x8000;

void put_u16(std::vector<std::uint8_t>& out, std::uint16_t value) {
  out.push_back(static_cast<std::uint8_t>(value >> 8));
  out.push_back(static_cast<std::uint8_t>(value));
}

std::uint16_t get_u16(std::span<const std::uint8_t> data, std::size_t at) noexcept {
  return static_cast<std::uint16_t>((data[at] << 8) | data[at + 1]);
}

void put_record(std::vector<std::uint8_t>& out, NtsKeRecordType type,
                std::span<const std::uint16_t> values) {
  put_u16(out, static_cast<std::uint16_t>(kCritical | static_cast<std::uint16_t>(type)));
  put_u16(out, static_cast<std::uint16_t>(values.size() * 2));
  for (const std::uint16_t v : values) put_u16(out, v);
}

std::string_view error_name(std::uint16_t code) noexcept {
  switch (code) {
    case 0: return "unrecognized critical record";
    case 1: return "bad request";
    case 2: return "internal server error";
    default: return "unknown error";
  }
}

tl::unexpected<Error> bad(std::string message) {
  return fail(ErrorCode::corrupt, std::move(message));
}

// The single 16-bit value of a record body (error, warning, AEAD, port).
std::optional<std::uint16_t> single_u16(std::span<const std::uint8_t> body) noexcept {
  if (body.size() != 2) return std::nullopt;
  return get_u16(body, 0);
}

}  // namespace

std::vector<std::uint8_t> nts_ke_request() {
  std::vector<std::uint8_t> out;
  const std::uint16_t protocol[] = {kNtsProtocolNtpv4};
  const std::uint16_t aead[] = {kNtsAeadAesSivCmac256};
  put_record(out, NtsKeRecordType::next_protocol, protocol);
  put_record(out, NtsKeRecordType::aead_algorithm, aead);
  put_record(out, NtsKeRecordType::end_of_message, {});
  return out;
}

std::optional<std::size_t> nts_ke_answer_length(std::span<const std::uint8_t> data) noexcept {
  std::size_t at = 0;
  while (at + 4 <= data.size()) {
    const auto type = static_cast<std::uint16_t>(get_u16(data, at) & ~kCritical);
    const std::size_t end = at + 4 + get_u16(data, at + 2);
    if (end > data.size()) return std::nullopt;
    if (type == static_cast<std::uint16_t>(NtsKeRecordType::end_of_message)) return end;
    at = end;
  }
  return std::nullopt;
}

Result<NtsKeAnswer> parse_nts_ke_answer(std::span<const std::uint8_t> data) {
  NtsKeAnswer answer;
  bool have_protocol = false;
  bool have_aead = false;
  std::size_t at = 0;
  for (;;) {
    if (at + 4 > data.size()) return bad("bad records: the answer ends before End of Message");
    const std::uint16_t word = get_u16(data, at);
    const bool critical = (word & kCritical) != 0;
    const auto type = static_cast<std::uint16_t>(word & ~kCritical);
    const std::size_t length = get_u16(data, at + 2);
    if (at + 4 + length > data.size()) {
      return bad("bad records: record type " + std::to_string(type) + " is cut short");
    }
    const std::span<const std::uint8_t> body = data.subspan(at + 4, length);
    at += 4 + length;
    switch (static_cast<NtsKeRecordType>(type)) {
      case NtsKeRecordType::end_of_message:
        if (!body.empty() || at != data.size())
          return bad("bad records: data after End of Message");
        if (!have_protocol) return bad("bad records: no Next Protocol record");
        if (!have_aead) return bad("bad records: no AEAD Algorithm record");
        if (answer.cookies.empty()) return bad("bad records: no cookie");
        return answer;
      case NtsKeRecordType::next_protocol: {
        if (have_protocol) return bad("bad records: two Next Protocol records");
        const std::optional<std::uint16_t> protocol = single_u16(body);
        if (body.empty()) return bad("the server supports no protocol we offered (NTPv4)");
        if (!protocol || *protocol != kNtsProtocolNtpv4)
          return bad("bad records: the server chose a protocol we did not offer");
        have_protocol = true;
        break;
      }
      case NtsKeRecordType::error: {
        const std::optional<std::uint16_t> code = single_u16(body);
        if (!code) return bad("bad records: malformed Error record");
        return bad("the server answered error " + std::to_string(*code) + " (" +
                   std::string(error_name(*code)) + ")");
      }
      case NtsKeRecordType::warning: {
        // No warning codes are defined: an unknown one must be treated as an error (§4.1.4).
        const std::optional<std::uint16_t> code = single_u16(body);
        return bad("the server answered warning " + (code ? std::to_string(*code) : "?"));
      }
      case NtsKeRecordType::aead_algorithm: {
        if (have_aead) return bad("bad records: two AEAD Algorithm records");
        const std::optional<std::uint16_t> aead = single_u16(body);
        if (!aead || *aead != kNtsAeadAesSivCmac256)
          return bad("bad records: the server chose an AEAD algorithm we did not offer");
        have_aead = true;
        break;
      }
      case NtsKeRecordType::new_cookie:
        if (body.empty()) return bad("bad records: empty cookie");
        if (answer.cookies.size() < kNtsMaxCookies)
          answer.cookies.emplace_back(body.begin(), body.end());
        break;
      case NtsKeRecordType::ntpv4_server:
        if (body.empty() || !answer.ntp_server.empty())
          return bad("bad records: malformed NTPv4 Server Negotiation record");
        for (const std::uint8_t c : body) {
          if (c <= 0x20 || c >= 0x7f) return bad("bad records: NTPv4 server name is not ASCII");
        }
        answer.ntp_server.assign(body.begin(), body.end());
        break;
      case NtsKeRecordType::ntpv4_port: {
        const std::optional<std::uint16_t> port = single_u16(body);
        if (!port || *port == 0 || answer.ntp_port)
          return bad("bad records: malformed NTPv4 Port Negotiation record");
        answer.ntp_port = port;
        break;
      }
      default:
        if (critical) {
          return bad("bad records: unrecognized critical record type " + std::to_string(type));
        }
        break;
    }
  }
}

}  // namespace horolog
