#include "history_stage.hpp"

#include "gazette/markdown.hpp"

namespace gazette::site {

namespace fs = std::filesystem;

std::string SiteHistory::repo_path(const content::Document& doc) const {
  if (!repo.in_git) return {};
  return doc.source.lexically_relative(repo.root).generic_string();
}

const history::FileHistory* SiteHistory::of(const content::Document& doc) const {
  if (!available) return nullptr;
  auto it = files.files.find(repo_path(doc));
  return it == files.files.end() || it->second.changes.empty() ? nullptr : &it->second;
}

bool SiteHistory::uncommitted(const content::Document& doc) const {
  return repo.in_git && repo.uncommitted.count(repo_path(doc)) > 0;
}

Result<std::string> SiteHistory::bytes_at(const history::Change& change) const {
  // Opening the repository is most of the cost of a read: one reader per render thread.
  thread_local std::unique_ptr<history::BlobReader> reader;
  thread_local std::string reader_repo;
  if (!reader || reader_repo != repo.git_dir.string()) {
    reader = std::make_unique<history::BlobReader>(repo);
    reader_repo = repo.git_dir.string();
  }
  return reader->read(change.commit, change.path);
}

std::shared_ptr<const content::Document> SiteHistory::version(
    const content::Document& doc, const history::Change& change,
    const config::SiteConfig& config) const {
  std::string key = change.commit + ":" + change.path;
  {
    std::lock_guard lock(versions_->mutex);
    if (auto it = versions_->parsed.find(key); it != versions_->parsed.end()) return it->second;
  }
  std::shared_ptr<const content::Document> parsed;
  if (auto bytes = bytes_at(change)) {
    Diagnostics ignored;  // an old version's problems were reported when it was current
    auto d = content::parse_document(*bytes, doc.source, doc.path, doc.kind, config, ignored);
    if (d) parsed = std::make_shared<const content::Document>(std::move(*d));
  }
  std::lock_guard lock(versions_->mutex);
  versions_->parsed.emplace(key, parsed);
  return parsed;
}

std::shared_ptr<const std::string> SiteHistory::text(const content::Document& doc,
                                                     const history::Change& change,
                                                     const config::SiteConfig& config) const {
  std::string key = change.commit + ":" + change.path;
  {
    std::lock_guard lock(versions_->mutex);
    if (auto it = versions_->texts.find(key); it != versions_->texts.end()) return it->second;
  }
  auto parsed = version(doc, change, config);
  if (!parsed) return nullptr;
  auto plain = std::make_shared<const std::string>(
      markdown::render_markdown(parsed->body, config.markdown).plain_text);
  std::lock_guard lock(versions_->mutex);
  versions_->texts.emplace(key, plain);
  return plain;
}

SiteHistory read_site_history(const config::SiteConfig& config, Diagnostics& diags) {
  SiteHistory h;
  if (!config.history.enabled) return h;
  auto repo = history::inspect_repository(config.content_dir, {config.content_dir});
  if (!repo) {
    Diagnostic d = repo.error();
    d.severity = Severity::warning;
    diags.add(d);
    return h;
  }
  h.repo = *repo;
  std::string content = display_path(config.content_dir, config.root);
  if (!h.repo.in_git) {
    diags.warning(content, {}, "content/ is not in a git repository: pages show no history",
                  "run git init and commit the content to publish when each document was "
                  "published and amended");
    return h;
  }
  if (h.repo.shallow) {
    diags.warning(
        content, {},
        "this is a shallow clone: its history is cut off, so no publication or "
        "amendment dates are shown",
        "fetch the whole history (git fetch --unshallow) before building the public site");
    return h;
  }
  if (h.repo.head.empty()) return h;  // nothing committed yet: everything is unpublished
  h.content_prefix = config.content_dir.lexically_relative(h.repo.root).generic_string();
  if (h.content_prefix == ".") h.content_prefix.clear();
  if (!h.content_prefix.empty()) h.content_prefix += "/";
  auto files = history::read_history(h.repo, h.content_prefix);
  if (!files) {
    Diagnostic d = files.error();
    d.severity = Severity::warning;
    diags.add(d);
    return h;
  }
  h.files = std::move(*files);
  h.available = true;
  return h;
}

}  // namespace gazette::site
