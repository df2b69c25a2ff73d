// Reads every input into the clock stories, then writes the page once: the page needs the whole
// time span of each host before its axes can be drawn.
#include "agent/commands/report_command.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>

#include "agent/commands/report/html_report.h"
#include "agent/commands/report/report_input.h"
#include "sinks/write_fully.h"

namespace horolog {

namespace {

Result<void> write_page(const std::string& output, std::string_view page) {
  const bool to_stdout = output.empty() || output == "-";
  const int fd =
      to_stdout ? 1 : ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return fail(Error::from_errno(errno, output));
  const std::string name = to_stdout ? "standard output" : output;
  const int write_error = write_fully(fd, page);
  if (!to_stdout && ::close(fd) != 0 && write_error == 0)
    return fail(Error::from_errno(errno, name));
  if (write_error != 0) return fail(Error::from_errno(write_error, name));
  return {};
}

}  // namespace

Result<int> report_command(const ReportCommandOptions& options) {
  Result<SourceOptions> raw = parse_source_options(options.raw);
  if (!raw) return fail(raw.error());
  raw->input_name = "report";

  report::ClockStories stories;
  report::ReportInput input(stories, *raw);
  report::ReportPage page;
  page.title = options.title;
  page.inputs = options.raw.paths;
  if (page.inputs.empty()) page.inputs.emplace_back("-");
  int exit_code = 0;
  for (const std::string& path : page.inputs) {
    if (Result<void> read = input.read(path); !read) {
      std::cerr << "horolog report: " << read.error().message() << "\n";
      exit_code = 1;
    }
  }
  if (input.unreadable_lines() > 0) {
    std::cerr << "horolog report: " << input.unreadable_lines()
              << " lines of NDJSON input were not JSON objects and were left out\n";
  }
  Result<void> written = write_page(options.output, report::html_report(stories, page));
  if (!written) return fail(written.error());
  return exit_code;
}

}  // namespace horolog
