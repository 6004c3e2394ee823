#include <cstdio>

#include "commands.hpp"
#include "console.hpp"
#include "gazette/content.hpp"
#include "gazette/site.hpp"

namespace gazette::cli {

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
  Diagnostics diags;
  warn_placeholder_base_url(*config, diags);
  site::BuildReport report = site::build(*config, options, diags);
  auto all = diags.sorted();
  print_diagnostics(all, all.size());
  std::size_t errors = diags.error_count(), warnings = diags.warning_count();
  std::size_t checked = report.documents + report.drafts;  // drafts are checked too
  std::fprintf(stderr, "%zu document%s checked: %zu error%s, %zu warning%s\n", checked,
               checked == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
               warnings == 1 ? "" : "s");
  return errors > 0 ? 1 : 0;
}

}  // namespace gazette::cli
