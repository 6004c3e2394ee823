#include "published_urls.hpp"

#include <set>

#include "gazette/history.hpp"

namespace gazette::site {

namespace {

// "notice/2023/a/index.html" → "/notice/2023/a/"; "404.html" → "/404.html".
std::string url_of_path(const std::string& path) {
  if (path == "index.html") return "/";
  if (path.size() > 11 && path.ends_with("/index.html"))
    return "/" + path.substr(0, path.size() - 10);
  return "/" + path;
}

}  // namespace

std::string keep_page_hint(const std::string& url, Severity severity) {
  std::string why = severity == Severity::error ? "" : "gazette publish refuses this. ";
  return why +
         "To keep the page, restore its document where it was and mark it withdrawn in its front "
         "matter (the page stays online, shown as no longer in force):\n"
         "    withdrawn = true  # or the reason: withdrawn = \"...\"\n"
         "or, if it moved, say where in site.toml:\n"
         "    [[redirects]]\n"
         "    from = \"" +
         url +
         "\"\n"
         "    to = \"/its/new/address/\"";
}

std::string keep_draft_page_hint(const std::string& path, Severity severity) {
  std::string why = severity == Severity::error ? "" : "gazette publish refuses this. ";
  return why + path +
         " is a draft now, and a published page cannot go back to being a draft: delete its "
         "`draft = true` (edits to a published document are recorded in its history), or, to "
         "take the page out of force, replace it with\n"
         "    withdrawn = true  # or the reason: withdrawn = \"...\"";
}

void check_published_urls(const std::vector<render::PageJob>& jobs,
                          const std::map<std::string, std::string>& draft_urls,
                          const render::SiteHistory& site_history, const config::SiteConfig& config,
                          Severity severity, Diagnostics& diags) {
  if (!site_history.repo.in_git) return;
  const std::string& branch = config.history.publish_branch;
  auto manifest =
      history::read_blob_at(site_history.repo, branch, std::string(history::kManifestName));
  if (!manifest) return;  // nothing published yet
  std::set<std::string> now;
  for (const auto& job : jobs) now.insert(url_of_path(job.path));
  std::size_t start = 0;
  while (start < manifest->size()) {
    std::size_t end = manifest->find('\n', start);
    if (end == std::string::npos) end = manifest->size();
    std::string line = manifest->substr(start, end - start);
    start = end + 1;
    std::size_t gap = line.find("  ");
    if (gap == std::string::npos) continue;
    std::string path = line.substr(gap + 2);
    if (!path.ends_with(".html") || path == "404.html") continue;
    std::string url = url_of_path(path);
    if (now.count(url)) continue;
    auto draft = draft_urls.find(url);
    diags.add(Diagnostic{severity,
                         draft == draft_urls.end() ? "site.toml" : draft->second,
                         {},
                         "the published page " + url + " (branch `" + branch + "`) would disappear",
                         draft == draft_urls.end() ? keep_page_hint(url, severity)
                                                   : keep_draft_page_hint(draft->second, severity),
                         {}});
  }
}

}  // namespace gazette::site
