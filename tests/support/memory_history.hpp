// A history of documents held in memory for unit tests of render: each version's bytes as if
// committed, parsed and rendered as the pipeline's git reader does (no repository, no disk).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "gazette/config.hpp"
#include "gazette/content.hpp"
#include "gazette/core.hpp"
#include "gazette/history.hpp"
#include "gazette/markdown.hpp"
#include "gazette/render.hpp"

class MemoryHistory final : public gazette::render::VersionReader {
 public:
  /// `config`: the site's, which must outlive this; its root is the repository's.
  explicit MemoryHistory(const gazette::config::SiteConfig& config) : config_(config) {
    history_.available = true;
    history_.repo.in_git = true;
    history_.repo.root = config.root;
    history_.content_prefix = "content/";
    history_.versions = this;
  }

  /// Commits `bytes` as the new version of `path` ("content/notices/a.md") at `when`
  /// (RFC 3339), with the message's subject and its `Change-Note:` trailer ("" for none).
  const gazette::history::Change& commit(const std::string& path, const std::string& bytes,
                                         const std::string& subject, const std::string& note,
                                         const std::string& when) {
    auto& changes = history_.files.files[path].changes;
    gazette::history::Change c;
    c.commit = (std::to_string(++commits_) + std::string(40, 'a')).substr(0, 40);
    c.short_id = c.commit.substr(0, 7);
    c.when = *gazette::parse_rfc3339(when);
    c.summary = subject;
    c.note = note;
    c.kind = changes.empty() ? gazette::history::Change::Kind::added
                             : gazette::history::Change::Kind::modified;
    c.path = path;
    bytes_[c.commit] = bytes;
    history_.repo.head = c.commit;
    changes.push_back(c);
    return changes.back();
  }

  /// The history to render with: pass it to MemorySite.
  const gazette::render::SiteHistory& site_history() const { return history_; }

  gazette::Result<std::string> bytes_at(const gazette::history::Change& change) const override {
    return bytes_.at(change.commit);
  }
  std::shared_ptr<const gazette::content::Document> version(
      const gazette::content::Document& doc,
      const gazette::history::Change& change) const override {
    gazette::Diagnostics ignored;
    auto d = gazette::content::parse_document(bytes_.at(change.commit), doc.source, doc.path,
                                              doc.kind, config_, ignored);
    return d ? std::make_shared<const gazette::content::Document>(std::move(*d)) : nullptr;
  }
  std::shared_ptr<const std::string> text(const gazette::content::Document& doc,
                                          const gazette::history::Change& change) const override {
    auto parsed = version(doc, change);
    if (!parsed) return nullptr;
    return std::make_shared<const std::string>(
        gazette::markdown::render_markdown(parsed->body, config_.markdown).plain_text);
  }

 private:
  const gazette::config::SiteConfig& config_;
  gazette::render::SiteHistory history_;
  std::map<std::string, std::string> bytes_;
  int commits_ = 0;
};
