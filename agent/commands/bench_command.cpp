// Generated data goes to a private temporary directory (the pipeline reads files), which is
// removed at the end; nothing is written anywhere else unless --write asks for it.
#include "agent/commands/bench_command.h"

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <thread>
#include <vector>

#include "agent/commands/bench/bench_corpus.h"
#include "agent/commands/bench/bench_report.h"
#include "agent/commands/bench/bench_runner.h"

namespace horolog {

namespace {

namespace fs = std::filesystem;

// A directory of our own under $TMPDIR, removed with everything in it.
class TempDirectory {
 public:
  static Result<TempDirectory> create() {
    std::string pattern = (fs::temp_directory_path() / "horolog-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      return fail(Error::from_errno(
          errno, "cannot create a temporary directory in " + fs::temp_directory_path().string()));
    }
    return TempDirectory(pattern);
  }
  ~TempDirectory() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  TempDirectory(TempDirectory&& other) noexcept : path_(std::move(other.path_)) {
    other.path_.clear();
  }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  TempDirectory& operator=(TempDirectory&&) = delete;
  const fs::path& path() const noexcept { return path_; }

 private:
  explicit TempDirectory(fs::path path) : path_(std::move(path)) {}
  fs::path path_;
};

Result<void> write_file(const fs::path& path, const std::string& data) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(data.data(), static_cast<std::streamsize>(data.size()));
  file.close();
  if (!file) return fail(Error::from_errno(errno, "cannot write " + path.string()));
  return {};
}

std::size_t size_in_bytes(double mib) { return static_cast<std::size_t>(mib * 1024.0 * 1024.0); }

Result<BenchRow> measure(std::string name, const FormatInfo& format, std::string source,
                         const std::string& input_path, const fs::path& scratch, bool pipeline) {
  const ParserOptions options = bench_parser_options(format.name);
  Result<StageMeasurement> stages = measure_stages(format, options, input_path);
  if (!stages) return fail(stages.error());
  BenchRow row{std::move(name), std::string(format.name), std::move(source), *stages, std::nullopt};
  if (pipeline) {
    const fs::path output_dir = scratch / ("out-" + row.name);
    fs::create_directories(output_dir);
    Result<PipelineMeasurement> measured =
        measure_pipeline(format, options, input_path, output_dir.string());
    if (!measured) return fail(measured.error());
    row.pipeline = *measured;
    fs::remove_all(output_dir);
  }
  return row;
}

Result<std::vector<BenchRow>> bench_generated(const BenchCommandOptions& options) {
  std::vector<const BenchCase*> cases;
  if (options.format == "all") {
    for (const BenchCase& bench_case : bench_cases()) cases.push_back(&bench_case);
  } else if (const BenchCase* bench_case = find_bench_case(options.format)) {
    cases.push_back(bench_case);
  } else {
    return fail(
        ErrorCode::invalid_argument,
        "no generator for format '" + options.format +
            "'; formats read as whole files (evtx, winevent-*) and journal files need --input "
            "FILE");
  }
  Result<TempDirectory> scratch = TempDirectory::create();
  if (!scratch) return fail(scratch.error());
  std::vector<BenchRow> rows;
  for (const BenchCase* bench_case : cases) {
    const FormatInfo* format = find_format(bench_case->format);
    if (format == nullptr) continue;  // a case for a format this build does not have
    const fs::path input = scratch->path() / (std::string(bench_case->name) + ".log");
    Result<void> written =
        write_file(input, generate_corpus(*bench_case, size_in_bytes(options.size_mib)));
    if (!written) return fail(written.error());
    Result<BenchRow> row = measure(std::string(bench_case->name), *format, "generated",
                                   input.string(), scratch->path(), options.pipeline);
    if (!row) return fail(row.error());
    rows.push_back(std::move(*row));
    fs::remove(input);
  }
  return rows;
}

Result<std::vector<BenchRow>> bench_input(const BenchCommandOptions& options) {
  const std::string name = options.format == "all" ? "auto" : options.format;
  const FormatInfo* format = find_format(name);
  if (format == nullptr) return fail(ErrorCode::invalid_argument, "unknown format '" + name + "'");
  Result<TempDirectory> scratch = TempDirectory::create();
  if (!scratch) return fail(scratch.error());
  Result<BenchRow> row =
      measure(name, *format, options.input, options.input, scratch->path(), options.pipeline);
  if (!row) return fail(row.error());
  return std::vector<BenchRow>{std::move(*row)};
}

}  // namespace

Result<int> bench_command(const BenchCommandOptions& options, std::ostream& out) {
  if (options.size_mib <= 0) return fail(ErrorCode::invalid_argument, "--size must be positive");
  if (!options.write.empty()) {
    const BenchCase* bench_case = find_bench_case(options.format);
    if (bench_case == nullptr) {
      return fail(ErrorCode::invalid_argument,
                  "--write needs one --format with a generator, not '" + options.format + "'");
    }
    Result<void> written =
        write_file(options.write, generate_corpus(*bench_case, size_in_bytes(options.size_mib)));
    if (!written) return fail(written.error());
    return 0;
  }
  Result<std::vector<BenchRow>> rows =
      options.input.empty() ? bench_generated(options) : bench_input(options);
  if (!rows) return fail(rows.error());
  if (options.json) {
    print_bench_json(out, *rows, {std::thread::hardware_concurrency(), HOROLOG_VERSION});
  } else {
    print_bench_table(out, *rows);
  }
  return 0;
}

}  // namespace horolog
