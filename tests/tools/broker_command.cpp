// Command parsing for the test broker: whitespace-separated words, numbers in decimal.
#include "tests/tools/broker_command.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <vector>

namespace horolog::test {

namespace {

constexpr std::int16_t kProduceApiKey = 0;
constexpr std::int16_t kMetadataApiKey = 3;

std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  while (!line.empty()) {
    const std::size_t start = line.find_first_not_of(" \t\r");
    if (start == std::string_view::npos) break;
    line.remove_prefix(start);
    const std::size_t end = line.find_first_of(" \t\r");
    out.push_back(line.substr(0, end));
    line.remove_prefix(end == std::string_view::npos ? line.size() : end);
  }
  return out;
}

bool parse_int(std::string_view text, int& value) {
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && ptr == text.data() + text.size();
}

std::string result(rd_kafka_resp_err_t err) {
  return err == RD_KAFKA_RESP_ERR_NO_ERROR ? "ok" : std::string("error: ") + rd_kafka_err2str(err);
}

// `down`/`up` for one broker id or for all of them.
std::string set_state(rd_kafka_mock_cluster_t* cluster, int broker_count, std::string_view which,
                      bool up) {
  int first = 1;
  int last = broker_count;
  if (which != "all") {
    if (!parse_int(which, first) || first < 1 || first > broker_count) {
      return "error: no broker " + std::string(which);
    }
    last = first;
  }
  for (int id = first; id <= last; ++id) {
    const rd_kafka_resp_err_t err =
        up ? rd_kafka_mock_broker_set_up(cluster, id) : rd_kafka_mock_broker_set_down(cluster, id);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return result(err);
  }
  return "ok";
}

}  // namespace

bool parse_kafka_error(std::string_view text, rd_kafka_resp_err_t& err) {
  int number = 0;
  if (parse_int(text, number)) {
    err = static_cast<rd_kafka_resp_err_t>(number);
    return true;
  }
  const rd_kafka_err_desc* descs = nullptr;
  std::size_t count = 0;
  rd_kafka_get_err_descs(&descs, &count);
  for (std::size_t i = 0; i < count; ++i) {
    if (descs[i].name != nullptr && text == descs[i].name) {
      err = descs[i].code;
      return true;
    }
  }
  return false;
}

std::string apply_broker_command(rd_kafka_mock_cluster_t* cluster, int broker_count,
                                 std::string_view line) {
  const std::vector<std::string_view> w = words(line);
  if (w.empty()) return "error: empty command";
  const std::string_view verb = w[0];
  int a = 0;
  int b = 0;
  if ((verb == "down" || verb == "up") && w.size() == 2) {
    return set_state(cluster, broker_count, w[1], verb == "up");
  }
  if (verb == "rtt" && w.size() == 3 && parse_int(w[1], a) && parse_int(w[2], b)) {
    return result(rd_kafka_mock_broker_set_rtt(cluster, a, b));
  }
  if (verb == "leader" && w.size() == 4 && parse_int(w[2], a) && parse_int(w[3], b)) {
    return result(rd_kafka_mock_partition_set_leader(cluster, std::string(w[1]).c_str(), a, b));
  }
  if (verb == "create" && w.size() == 3 && parse_int(w[2], a)) {
    return result(rd_kafka_mock_topic_create(cluster, std::string(w[1]).c_str(), a,
                                             std::min(broker_count, 3)));
  }
  rd_kafka_resp_err_t err{};
  if (verb == "error" && (w.size() == 3 || w.size() == 4) && parse_kafka_error(w[2], err)) {
    const std::int16_t api = w[1] == "produce"    ? kProduceApiKey
                             : w[1] == "metadata" ? kMetadataApiKey
                                                  : std::int16_t{-1};
    if (api < 0) return "error: request type must be produce or metadata";
    if (w.size() == 4 && (!parse_int(w[3], a) || a < 1)) return "error: bad count";
    const std::size_t count = w.size() == 4 ? static_cast<std::size_t>(a) : 1;
    const std::vector<rd_kafka_resp_err_t> errors(count, err);
    rd_kafka_mock_push_request_errors_array(cluster, api, count, errors.data());
    return "ok";
  }
  if (verb == "topic-error" && w.size() == 3 && parse_kafka_error(w[2], err)) {
    rd_kafka_mock_topic_set_error(cluster, std::string(w[1]).c_str(), err);
    return "ok";
  }
  return "error: unknown command: " + std::string(line);
}

}  // namespace horolog::test
