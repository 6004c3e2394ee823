// gazette_build_bench SITE_DIR [--runs N] [--now RFC3339] [--prepare CMD]
//
// What the search index adds to a clean full build. The index is written on its own thread
// while the pages render, so `gazette build --timings` shows only its tail (the "search"
// stage: how long the build waited for the index after the pages were done). This program
// builds the site N times (default 3) each way, alternately, from a clean state (output
// folder and index folder removed, then CMD run, e.g. `sync; wait-idle`):
//   with index     site::build as `gazette build` does it
//   without index  the same with BuildOptions::search_index = false
// and prints the medians; their difference is the wall time the index costs the build.
//
// The last line is machine-readable for scripts:
//   RESULT runs=3 with_s=… without_s=… index_s=… search_stage_s=… documents=…
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "gazette/config.hpp"
#include "gazette/core.hpp"
#include "gazette/site.hpp"

namespace {

using namespace gazette;
namespace fs = std::filesystem;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  if (v.empty()) return 0;
  std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

double stage_of(const site::BuildReport& r, const std::string& name) {
  for (const auto& [n, s] : r.stages) {
    if (n == name) return s;
  }
  return 0;
}

// The figures of every build, by kind.
struct Timings {
  std::vector<double> with, without, search_stage, render_with, render_without;
  std::size_t documents = 0;
};

// One clean build, with or without the index; false (after printing why) when it failed.
bool timed_build(const config::SiteConfig& config, Instant clock, const std::string& prepare,
                 bool index, int run, Timings& t) {
  std::error_code ec;
  fs::remove_all(config.output_dir, ec);
  fs::remove_all(config.search.index_dir, ec);
  if (!prepare.empty() && std::system(prepare.c_str()) != 0) {
    std::cerr << "gazette_build_bench: --prepare command failed\n";
  }
  site::BuildOptions options;
  options.now = clock;
  options.search_index = index;
  Diagnostics diags;
  site::BuildReport report = site::build(config, options, diags);
  if (!report.ok) {
    for (const auto& d : diags.sorted()) {
      if (d.severity == Severity::error) std::cerr << format_diagnostic(d) << "\n";
    }
    return false;
  }
  t.documents = report.documents;
  std::fprintf(stderr, "  run %d %-13s %7.3f s  (render %.3f s, search stage %.3f s)\n", run + 1,
               index ? "with index" : "without index", report.seconds, stage_of(report, "render"),
               stage_of(report, "search"));
  (index ? t.with : t.without).push_back(report.seconds);
  (index ? t.render_with : t.render_without).push_back(stage_of(report, "render"));
  if (index) t.search_stage.push_back(stage_of(report, "search"));
  return true;
}

void print_timings(const std::string& site_dir, int runs, const Timings& t) {
  double w = median(t.with), wo = median(t.without);
  std::printf("clean full build of %s (%zu documents), median of %d runs each:\n", site_dir.c_str(),
              t.documents, runs);
  std::printf("  with index     %7.3f s   (render stage %.3f s, search stage %.3f s)\n", w,
              median(t.render_with), median(t.search_stage));
  std::printf("  without index  %7.3f s   (render stage %.3f s)\n", wo, median(t.render_without));
  std::printf("  the index adds %7.3f s   to the build's wall time\n", w - wo);
  std::printf(
      "RESULT runs=%d with_s=%.3f without_s=%.3f index_s=%.3f search_stage_s=%.3f "
      "documents=%zu\n",
      runs, w, wo, w - wo, median(t.search_stage), t.documents);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"What the search index adds to a clean full build", "gazette_build_bench"};
  std::string site_dir, prepare, when;
  int runs = 3;
  app.add_option("SITE_DIR", site_dir, "The site to build (where site.toml is)")->required();
  app.add_option("--runs", runs, "Builds of each kind")->check(CLI::PositiveNumber);
  app.add_option("--now", when, "Build as of this moment (RFC 3339)");
  app.add_option("--prepare", prepare, "A command run before each build (e.g. sync; wait-idle)");
  CLI11_PARSE(app, argc, argv);
  Instant clock = now();
  if (!when.empty()) {
    auto t = parse_rfc3339(when);
    if (!t) {
      std::cerr << "gazette_build_bench: --now must be RFC 3339, e.g. 2026-04-20T09:00:00+07:00\n";
      return 2;
    }
    clock = *t;
  }
  auto config = config::load_site(site_dir);
  if (!config) {
    std::cerr << format_diagnostic(config.error()) << "\n";
    return 1;
  }
  Timings t;
  for (int run = 0; run < runs; ++run) {
    for (int variant = 0; variant < 2; ++variant) {
      // Alternate which goes first, so neither always follows the other.
      bool index = (variant == 0) == (run % 2 == 0);
      if (!timed_build(*config, clock, prepare, index, run, t)) return 1;
    }
  }
  print_timings(site_dir, runs, t);
  return 0;
}
