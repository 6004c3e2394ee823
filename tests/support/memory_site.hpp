// A site held in memory for unit tests of model, render and site: documents parsed from
// strings (no disk), the model assembled, Markdown rendered, pages planned with the built-in
// theme.
#pragma once

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <string>

#include "gazette/config.hpp"
#include "gazette/markdown.hpp"
#include "gazette/model.hpp"
#include "gazette/render.hpp"
#include "gazette/templates.hpp"
#include "memory_documents.hpp"

class MemorySite {
 public:
  /// `files`: content paths ("content/notices/a.md") → their bytes; `now`: RFC 3339.
  /// `history`: the documents' history (none by default), copied.
  MemorySite(const std::map<std::string, std::string>& files, const std::string& now,
             gazette::config::SiteConfig config = gazette::config::default_config("/site"),
             gazette::render::SiteHistory history = {})
      : config_(std::move(config)),
        now_(*gazette::parse_rfc3339(now)),
        history_(std::move(history)) {
    std::vector<gazette::content::Document> docs = parse_documents(files, config_);
    model_ = std::make_unique<gazette::model::SiteModel>(
        gazette::model::assemble(std::move(docs), config_, now_));
    for (const auto& d : model_->documents) {
      bodies_.push_back(gazette::markdown::render_markdown(d.body, config_.markdown));
    }
    auto theme = gazette::templates::load_theme({});
    REQUIRE(theme.ok());
    theme_ = std::move(*theme);
    pages_ = std::make_unique<gazette::render::SitePages>(inputs(), theme_);
  }

  const gazette::model::SiteModel& model() const { return *model_; }
  const gazette::render::SitePages& pages() const { return *pages_; }
  const gazette::templates::Theme& theme() const { return theme_; }

  /// The bytes of the file the site has at `path` ("notice/2023/a/index.html"); "" if none.
  std::string file(const std::string& path) const {
    for (const auto& job : pages_->jobs()) {
      if (job.path != path) continue;
      auto renderer = pages_->renderer();
      return job.render(renderer);
    }
    return {};
  }
  bool has(const std::string& path) const {
    for (const auto& job : pages_->jobs()) {
      if (job.path == path) return true;
    }
    return false;
  }

 private:
  gazette::render::Inputs inputs() const {
    return {*model_, config_, bodies_, history_, now_, 420};
  }

  gazette::config::SiteConfig config_;
  gazette::Instant now_;
  std::unique_ptr<gazette::model::SiteModel> model_;
  gazette::render::RenderedBodies bodies_;
  gazette::render::SiteHistory history_;
  gazette::templates::Theme theme_;
  std::unique_ptr<gazette::render::SitePages> pages_;
};
