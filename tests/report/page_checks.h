// What every report page must satisfy whatever its data: nothing outside the page referenced.
// The XHTML and SVG namespace names look like addresses but are never fetched.
#pragma once

#include <string>
#include <string_view>

namespace horolog::test {

// `page` with the two namespace names taken out: any "http" left is a reference to the outside.
inline std::string without_namespace_names(std::string page) {
  for (const std::string_view name :
       {"http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg"}) {
    for (std::size_t at = page.find(name); at != std::string::npos; at = page.find(name, at)) {
      page.erase(at, name.size());
    }
  }
  return page;
}

}  // namespace horolog::test
