#include <cstdio>

#include "commands.hpp"
#include "console.hpp"
#include "gazette/site.hpp"

namespace gazette::cli {

std::optional<config::SiteConfig> load_site_or_report(const CommonArgs& args) {
  Diagnostics diags;
  auto config = config::load_site(args.site, diags);
  auto all = diags.sorted();
  print_diagnostics(all, all.size());  // every problem of site.toml, in one run
  return config;
}

std::string document_counts(const site::BuildReport& report) {
  if (report.failed_documents == 0) return "";
  std::size_t fine = report.documents - report.failed_documents;
  return std::to_string(report.documents) + " document" + (report.documents == 1 ? "" : "s") +
         ": " + std::to_string(fine) + " without errors, " +
         std::to_string(report.failed_documents) + " with errors; ";
}

std::optional<Instant> clock_of(const CommonArgs& args) {
  if (args.now.empty()) return now();
  auto parsed = parse_rfc3339(args.now);
  if (!parsed) {
    std::fprintf(stderr, "error: --now %s is not a date and time like 2023-04-20T09:00:00+07:00\n",
                 args.now.c_str());
  }
  return parsed;
}

int run_build(const BuildArgs& args) {
  auto config = load_site_or_report(args.common);
  if (!config) return 1;
  auto clock = clock_of(args.common);
  if (!clock) return 2;
  site::BuildOptions options;
  options.now = *clock;
  options.threads = args.jobs;
  options.search_index = !args.no_search;
  options.publishing = args.publishing;
  options.drafts = args.drafts;
  options.clean = args.clean;
  options.remove_old_sites = remove_old_sites_in_background;
  Progress progress("Building");
  if (!args.quiet) {
    options.progress = [&progress](std::size_t done, std::size_t total) {
      progress.update(done, total);
    };
  }
  Diagnostics diags;
  warn_placeholder_base_url(*config, diags);
  site::BuildReport report = site::build(*config, options, diags);
  progress.finish();
  print_diagnostics(diags.sorted(), 10);
  if (!report.ok || diags.has_errors()) {
    std::string out = display_path(config->output_dir, config->root);
    std::string state = report.site_replaced ? "the new pages are in " + out +
                                                   ", the search index is the previous one"
                                             : "the previous site in " + out + " is untouched";
    std::fprintf(stderr, "Build failed with %zu error%s; %s%s.\n", diags.error_count(),
                 diags.error_count() == 1 ? "" : "s", document_counts(report).c_str(),
                 state.c_str());
    return 1;
  }
  if (args.next_change) {
    std::printf("%s\n", report.next_change ? format_rfc3339(*report.next_change).c_str() : "none");
    return 0;
  }
  if (args.timings) {
    for (const auto& [name, seconds] : report.stages) {
      std::fprintf(stderr, "  %-10s %7.3f s\n", name.c_str(), seconds);
    }
    if (report.index_kept) {
      std::fprintf(stderr, "  search index kept: made from the same records\n");
    } else if (report.index_segments_written + report.index_segments_kept > 0) {
      std::fprintf(stderr, "  search index: %zu of %zu segments indexed, the rest kept\n",
                   report.index_segments_written,
                   report.index_segments_written + report.index_segments_kept);
    }
  }
  if (!args.quiet) {
    std::string kept = report.files_kept == 0
                           ? ""
                           : ", " + std::to_string(report.files_kept) + " of them unchanged";
    std::fprintf(stderr, "Built %zu documents into %zu pages (%zu files%s) in %.2f s → %s\n",
                 report.documents, report.pages, report.files, kept.c_str(), report.seconds,
                 display_path(config->output_dir, config->root).c_str());
    if (report.drafts > 0) {
      std::fprintf(stderr, "%zu draft%s left out (gazette build --drafts shows them)\n",
                   report.drafts, report.drafts == 1 ? "" : "s");
    }
    if (report.next_change) {
      // A timer can rebuild then, so pages without JavaScript show the new state.
      std::fprintf(stderr, "Next change of a call's state: %s\n",
                   format_rfc3339(*report.next_change).c_str());
    }
  }
  return 0;
}

}  // namespace gazette::cli
