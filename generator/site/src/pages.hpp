// Every page of the site as a job: where it goes and how to render it.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "gazette/markdown.hpp"
#include "gazette/templates.hpp"
#include "views.hpp"

namespace gazette::site {

struct PageJob {
  using Render = std::function<std::string(templates::Renderer&)>;
  PageJob(std::string path_, Render render_, bool in_sitemap_ = true, std::string lastmod_ = {})
      : path(std::move(path_)),
        render(std::move(render_)),
        in_sitemap(in_sitemap_),
        lastmod(std::move(lastmod_)) {}
  std::string path;  ///< in the output tree, e.g. "notice/2023/a/index.html"
  Render render;
  bool in_sitemap;      ///< an HTML page readers should find
  std::string lastmod;  ///< YYYY-MM-DD for the sitemap, when known
};

/// The rendered Markdown of each document, in the order of model.documents.
using RenderedBodies = std::vector<markdown::RenderedMarkdown>;

/// One job per document page.
void add_document_pages(std::vector<PageJob>& jobs, const ViewContext& ctx,
                        const RenderedBodies& bodies);
/// Home, kind lists, programmes, rounds, archive, issuers, provinces, open data, 404.
void add_list_pages(std::vector<PageJob>& jobs, const ViewContext& ctx,
                    const RenderedBodies& bodies);

/// Every URL of a list page, paginated: "/notice/", "/notice/page/2/"…
std::string page_url(const std::string& base, std::size_t page);

}  // namespace gazette::site
