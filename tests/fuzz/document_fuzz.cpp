// The document reader: a Markdown file's +++ front matter, or a whole TOML file (a proposal
// list's metadata with or without [[tasks]]); then the checks across documents, the text of
// every diagnostic, and the repairs of `check --fix`.
#include "fuzz.hpp"
#include "gazette/config.hpp"
#include "gazette/content.hpp"

using namespace gazette;

void gazette::fuzz::run_one(const std::string& bytes) {
  // A site that does not exist: attachments are looked for there and never found.
  static const config::SiteConfig kConfig = config::default_config("/nonexistent/gazette-fuzz");
  // Input that opens with a fence is a Markdown document; anything else a TOML data file.
  const bool markdown = bytes.starts_with("+++") || bytes.starts_with("---");
  const std::string path =
      markdown ? "content/notices/2023/fuzz.md" : "content/proposals/2025/fuzz.toml";
  const content::Kind folder = markdown ? content::Kind::notice : content::Kind::proposal_list;

  Diagnostics diags;
  auto doc = content::parse_document(bytes, kConfig.root / path, path, folder, kConfig, diags);
  if (doc) {
    std::vector<content::Document> docs{*doc};
    content::check_documents(docs, kConfig, diags);
    content::check_consistency(docs, diags);
  }
  for (const Diagnostic& d : diags.sorted()) {
    fuzz::check(!d.file.empty(), "a diagnostic names its file");
    (void)format_diagnostic(d);
  }
  content::FixReport report;
  (void)content::repair_text(bytes, report);
}
