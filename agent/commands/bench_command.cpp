// Generated data goes to a private temporary directory (the pipeline reads files), which is
// removed at the end; nothing is written anywhere else unless --write asks for it.
#include "agent/commands/bench_command.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "agent/commands/bench/bench_corpus.h"
#include "agent/commands/bench/bench_report.h"

namespace horolog {

namespace {

namespace fs = std::filesystem;

// A directory of our own under $TMPDIR, removed with everything in it.
class TempDirectory {
 public:
  TempDirectory() {
    std::string pattern = (fs::temp_directory_path() / "horolog-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("cannot create a temporary directory in " +
                               fs::temp_directory_path().string());
    }
    path_ = pattern;
  }
  ~TempDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  const fs::path& path() const noexcept { return path_; }

 private:
  fs::path path_;
};

void write_file(const fs::path& path, const std::string& data) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(data.data(), static_cast<std::streamsize>(data.size()));
  file.close();
  if (!file) throw std::runtime_error("cannot write " + path.string());
}

std::size_t size_in_bytes(double mib) { return static_cast<std::size_t>(mib * 1024.0 * 1024.0); }

BenchRow measure(std::string name, const FormatInfo& format, std::string source,
                 const std::string& input_path, const fs::path& scratch, bool pipeline) {
  const ParserOptions options = bench_parser_options(format.name);
  BenchRow row{std::move(name), std::string(format.name), std::move(source),
               measure_stages(format, options, input_path), std::nullopt};
  if (pipeline) {
    const fs::path output_dir = scratch / ("out-" + row.name);
    fs::create_directories(output_dir);
    row.pipeline = measure_pipeline(format, options, input_path, output_dir.string());
    fs::remove_all(output_dir);
  }
  return row;
}

int bench_generated(const BenchCommandOptions& options, std::vector<BenchRow>& rows,
                    std::ostream& err) {
  std::vector<const BenchCase*> cases;
  if (options.format == "all") {
    for (const BenchCase& bench_case : bench_cases()) cases.push_back(&bench_case);
  } else if (const BenchCase* bench_case = find_bench_case(options.format)) {
    cases.push_back(bench_case);
  } else {
    err << "horolog bench: no generator for format '" << options.format
        << "'; formats read as whole files (evtx, winevent-*) need --input FILE\n";
    return 2;
  }
  const TempDirectory scratch;
  for (const BenchCase* bench_case : cases) {
    const FormatInfo* format = find_format(bench_case->format);
    if (format == nullptr) continue;  // a case for a format this build does not have
    const fs::path input = scratch.path() / (std::string(bench_case->name) + ".log");
    write_file(input, generate_corpus(*bench_case, size_in_bytes(options.size_mib)));
    rows.push_back(measure(std::string(bench_case->name), *format, "generated", input.string(),
                           scratch.path(), options.pipeline));
    fs::remove(input);
  }
  return 0;
}

}  // namespace

int bench_command(const BenchCommandOptions& options, std::ostream& out, std::ostream& err) {
  if (options.size_mib <= 0) {
    err << "horolog bench: --size must be positive\n";
    return 2;
  }
  try {
    if (!options.write.empty()) {
      const BenchCase* bench_case = find_bench_case(options.format);
      if (bench_case == nullptr) {
        err << "horolog bench: --write needs one --format with a generator, not '" << options.format
            << "'\n";
        return 2;
      }
      write_file(options.write, generate_corpus(*bench_case, size_in_bytes(options.size_mib)));
      return 0;
    }
    std::vector<BenchRow> rows;
    if (options.input.empty()) {
      if (const int code = bench_generated(options, rows, err); code != 0) return code;
    } else {
      const std::string name = options.format == "all" ? "auto" : options.format;
      const FormatInfo* format = find_format(name);
      if (format == nullptr) {
        err << "horolog bench: unknown format '" << name << "'\n";
        return 2;
      }
      const TempDirectory scratch;
      rows.push_back(
          measure(name, *format, options.input, options.input, scratch.path(), options.pipeline));
    }
    if (options.json) {
      print_bench_json(out, rows, {std::thread::hardware_concurrency(), HOROLOG_VERSION});
    } else {
      print_bench_table(out, rows);
    }
  } catch (const std::exception& e) {
    err << "horolog bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace horolog
