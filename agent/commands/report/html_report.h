// The report page: one self-contained XHTML document (inline SVG and CSS, no scripts, nothing
// fetched) telling each host's clock story from what ClockStories gathered.
#pragma once

#include <string>
#include <vector>

#include "agent/commands/report/clock_story.h"

namespace horolog::report {

struct ReportPage {
  std::string title = "Clock report";
  std::vector<std::string> inputs;  // what was read, as named on the command line
};

// Writes the whole page. Its size depends on the number of hosts, not on the number of events.
std::string html_report(const ClockStories& stories, const ReportPage& page);

}  // namespace horolog::report
