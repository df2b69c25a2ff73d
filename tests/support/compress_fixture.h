// Writes test fixtures the way logrotate leaves them: gzip (also several members in one file)
// and zstd, built in memory with the same libraries the agent reads them with.
#pragma once

#include <string>
#include <string_view>

namespace horolog::test {

std::string gzip_bytes(std::string_view text);
std::string zstd_bytes(std::string_view text);

}  // namespace horolog::test
