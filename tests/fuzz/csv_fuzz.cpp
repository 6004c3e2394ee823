// The CSV proposal reader: a spreadsheet's export beside a list's .toml, header to totals.
#include "fuzz.hpp"
#include "gazette/config.hpp"
#include "gazette/content.hpp"
#include "proposals.hpp"

using namespace gazette;

void gazette::fuzz::run_one(const std::string& bytes) {
  static const config::SiteConfig kConfig = config::default_config("/nonexistent/gazette-fuzz");
  content::Document doc;
  doc.kind = content::Kind::proposal_list;
  doc.path = "content/proposals/2025/fuzz.toml";
  Diagnostics diags;
  bool ok = content::detail::read_csv_tasks(bytes, "content/proposals/2025/fuzz.csv", doc, kConfig,
                                            diags);
  fuzz::check(ok || diags.has_errors(), "a refused list says why");
  for (const Diagnostic& d : diags.sorted()) (void)format_diagnostic(d);
}
