#include "history_stage.hpp"

#include <map>
#include <mutex>

#include "gazette/content.hpp"
#include "gazette/history.hpp"
#include "gazette/markdown.hpp"

namespace gazette::site {

namespace fs = std::filesystem;

namespace {

// Earlier versions read from git: each version is read, parsed and rendered once, whichever
// page needs it first.
class GitVersions final : public render::VersionReader {
 public:
  GitVersions(history::RepoInfo repo, const config::SiteConfig& config)
      : repo_(std::move(repo)), config_(config) {}

  Result<std::string> bytes_at(const history::Change& change) const override {
    // Opening the repository is most of the cost of a read: one reader per render thread.
    thread_local std::unique_ptr<history::BlobReader> reader;
    thread_local std::string reader_repo;
    if (!reader || reader_repo != repo_.git_dir.string()) {
      reader = std::make_unique<history::BlobReader>(repo_);
      reader_repo = repo_.git_dir.string();
    }
    return reader->read(change.commit, change.path);
  }

  std::shared_ptr<const content::Document> version(const content::Document& doc,
                                                   const history::Change& change) const override {
    std::string key = change.commit + ":" + change.path;
    {
      std::lock_guard lock(mutex_);
      if (auto it = parsed_.find(key); it != parsed_.end()) return it->second;
    }
    std::shared_ptr<const content::Document> parsed;
    if (auto bytes = bytes_at(change)) {
      Diagnostics ignored;  // an old version's problems were reported when it was current
      auto d = content::parse_document(*bytes, doc.source, doc.path, doc.kind, config_, ignored);
      if (d) parsed = std::make_shared<const content::Document>(std::move(*d));
    }
    std::lock_guard lock(mutex_);
    parsed_.emplace(key, parsed);
    return parsed;
  }

  std::shared_ptr<const std::string> text(const content::Document& doc,
                                          const history::Change& change) const override {
    std::string key = change.commit + ":" + change.path;
    {
      std::lock_guard lock(mutex_);
      if (auto it = texts_.find(key); it != texts_.end()) return it->second;
    }
    auto parsed = version(doc, change);
    if (!parsed) return nullptr;
    auto plain = std::make_shared<const std::string>(
        markdown::render_markdown(parsed->body, config_.markdown).plain_text);
    std::lock_guard lock(mutex_);
    texts_.emplace(key, plain);
    return plain;
  }

 private:
  history::RepoInfo repo_;
  const config::SiteConfig& config_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::shared_ptr<const content::Document>> parsed_;
  mutable std::map<std::string, std::shared_ptr<const std::string>> texts_;
};

}  // namespace

GitHistory read_site_history(const config::SiteConfig& config, Diagnostics& diags) {
  GitHistory git;
  render::SiteHistory& h = git.history;
  if (!config.history.enabled) return git;
  auto repo = history::inspect_repository(config.content_dir, {config.content_dir});
  if (!repo) {
    Diagnostic d = repo.error();
    d.severity = Severity::warning;
    diags.add(d);
    return git;
  }
  h.repo = *repo;
  std::string content = display_path(config.content_dir, config.root);
  if (!h.repo.in_git) {
    diags.warning(content, {}, "content/ is not in a git repository: pages show no history",
                  "run git init and commit the content to publish when each document was "
                  "published and amended");
    return git;
  }
  if (h.repo.shallow) {
    diags.warning(
        content, {},
        "this is a shallow clone: its history is cut off, so no publication or "
        "amendment dates are shown",
        "fetch the whole history (git fetch --unshallow) before building the public site");
    return git;
  }
  if (h.repo.head.empty()) return git;  // nothing committed yet: everything is unpublished
  h.content_prefix = config.content_dir.lexically_relative(h.repo.root).generic_string();
  if (h.content_prefix == ".") h.content_prefix.clear();
  if (!h.content_prefix.empty()) h.content_prefix += "/";
  auto files = history::read_history(h.repo, h.content_prefix);
  if (!files) {
    Diagnostic d = files.error();
    d.severity = Severity::warning;
    diags.add(d);
    return git;
  }
  h.files = std::move(*files);
  h.available = true;
  git.versions = std::make_unique<GitVersions>(h.repo, config);
  h.versions = git.versions.get();
  return git;
}

}  // namespace gazette::site
