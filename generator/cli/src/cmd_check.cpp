#include <chrono>
#include <cstdio>
#include <set>

#include "commands.hpp"
#include "console.hpp"
#include "gazette/content.hpp"
#include "gazette/linkcheck.hpp"
#include "gazette/site.hpp"

namespace gazette::cli {

namespace {

// Asks other sites for each address the text links to; a failure is an error at each link.
void check_external(const std::vector<site::ExternalLink>& links, const CheckArgs& args,
                    Diagnostics& diags) {
  std::vector<std::string> urls;
  urls.reserve(links.size());
  for (const auto& link : links) urls.push_back(link.url);
  linkcheck::FetchOptions options;
  options.timeout = std::chrono::milliseconds(static_cast<long long>(args.timeout * 1000));
  options.threads = args.requests;
  auto failed = linkcheck::check_urls(urls, options);
  for (const auto& link : links) {
    auto it = failed.find(link.url);
    if (it == failed.end()) continue;
    diags.add({Severity::error, link.file, link.loc, link.url + " " + it->second,
               "correct the address or remove the link (asked with HEAD, or GET where HEAD is "
               "refused, following redirects)",
               link.source_line});
  }
  std::set<std::string> distinct(urls.begin(), urls.end());
  std::fprintf(stderr, "%zu external address%s checked: %zu failed\n", distinct.size(),
               distinct.size() == 1 ? "" : "es", failed.size());
}

}  // namespace

int run_check(const CheckArgs& args) {
  auto config = load_site_or_report(args.common);
  if (!config) return 1;
  auto clock = clock_of(args.common);
  if (!clock) return 2;
  if (args.fix) {
    for (const auto& file : content::list_content_files(*config)) {
      auto fixed = content::fix_file(file, content::oi_is_defect(*config));
      std::string path = display_path(file, config->root);
      if (!fixed) {
        print_diagnostics({fixed.error()}, 0);
        continue;
      }
      if (!fixed->changed()) continue;
      std::string what;
      if (fixed->oi_repaired) what += std::to_string(fixed->oi_repaired) + " × ƣ→ư";
      if (fixed->bom_removed) what += std::string(what.empty() ? "" : ", ") + "BOM removed";
      if (fixed->normalized) what += std::string(what.empty() ? "" : ", ") + "NFC";
      std::printf("fixed %s: %s\n", path.c_str(), what.c_str());
    }
  }
  site::BuildOptions options;
  options.now = *clock;
  options.write = false;
  options.search_index = false;
  options.external_links = args.external;
  options.refuse_unsafe_links = true;
  Diagnostics diags;
  warn_placeholder_base_url(*config, diags);
  site::BuildReport report = site::build(*config, options, diags);
  if (args.external) check_external(report.external_links, args, diags);
  auto all = diags.sorted();
  print_diagnostics(all, all.size());
  std::size_t errors = diags.error_count(), warnings = diags.warning_count();
  site::BuildReport counted = report;
  counted.documents += report.drafts;             // drafts are checked too
  std::string counts = document_counts(counted);  // "9 documents: 7 without errors, 2 with …; "
  if (counts.empty()) {
    counts = std::to_string(counted.documents) + " document" + (counted.documents == 1 ? "" : "s") +
             " checked: ";
  } else {
    counts.insert(counts.find(':'), " checked");
  }
  std::fprintf(stderr, "%s%zu error%s, %zu warning%s\n", counts.c_str(), errors,
               errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
  return errors > 0 ? 1 : 0;
}

}  // namespace gazette::cli
