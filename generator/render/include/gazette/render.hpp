// gazette render: every page and file of the site, made from plain data.
//
//   render::Inputs inputs{model, config, bodies, history, now, utc_offset};
//   render::SitePages pages(inputs, theme);        // plans every file; nothing rendered yet
//   templates::Renderer r = pages.renderer();       // one per thread
//   for (const render::PageJob& job : pages.jobs()) sink.write(job.path, job.render(r));
//
//   auto results = render::SearchPages::create(config, utc_offset);  // one per thread
//   std::string html = (*results)->html(query, answer, "");
//
// Pages, lists, feeds, calendars, exports, the sitemap, proposal lists, history and search
// results: bytes only. Nothing here reads the disk or the clock, or writes anything.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gazette/config.hpp"
#include "gazette/content.hpp"
#include "gazette/core.hpp"
#include "gazette/history.hpp"
#include "gazette/markdown.hpp"
#include "gazette/model.hpp"
#include "gazette/search.hpp"
#include "gazette/templates.hpp"

namespace gazette::render {

/// The rendered Markdown of each document, in the order of model.documents.
using RenderedBodies = std::vector<markdown::RenderedMarkdown>;

/// Earlier versions of the site's documents, as committed (the pipeline reads them from git).
class VersionReader {
 public:
  virtual ~VersionReader() = default;
  /// The file as committed by `change`; safe from any thread.
  virtual Result<std::string> bytes_at(const history::Change& change) const = 0;
  /// The document as committed by `change`, parsed; nullptr when it is not a valid document.
  virtual std::shared_ptr<const content::Document> version(const content::Document& doc,
                                                           const history::Change& change) const = 0;
  /// The text of that version as a reader sees it (its Markdown rendered to plain text).
  virtual std::shared_ptr<const std::string> text(const content::Document& doc,
                                                  const history::Change& change) const = 0;
};

/// The public history of the site's documents, from the git repository of content/.
struct SiteHistory {
  bool available = false;  ///< content/ is in git, with its full history
  history::RepoInfo repo;
  history::History files;
  std::string content_prefix;               ///< content/'s path in the repository, "content/"
  const VersionReader* versions = nullptr;  ///< set when available

  /// The document's history, or nullptr (not in git, or not committed yet).
  const history::FileHistory* of(const content::Document& doc) const;
  /// Whether the document has changes not yet committed ("not yet published").
  bool uncommitted(const content::Document& doc) const;
  /// The document's path in the repository ("content/notices/2023/a.md").
  std::string repo_path(const content::Document& doc) const;
};

/// What the site is made from. Everything referred to must outlive the pages made from it.
struct Inputs {
  const model::SiteModel& model;
  const config::SiteConfig& config;
  const RenderedBodies& bodies;  ///< the Markdown of model.documents, in order
  const SiteHistory& history;    ///< empty (not available) outside git
  Instant now;                   ///< the clock: call states, "time left"
  int utc_offset_minutes = 0;    ///< the site's time zone at `now`
};

/// A page made with the theme: the template and what it shows. Equal views of one theme render
/// equal bytes, so a build can keep a page whose view did not change without rendering it.
struct PageView {
  std::string template_name;
  templates::Value value;
};

/// One file of the site: where it goes and how to make its bytes.
struct PageJob {
  using Render = std::function<std::string(templates::Renderer&)>;
  using View = std::function<PageView(templates::Renderer&)>;
  /// A file whose bytes are made directly (feeds, calendars, exports, the sitemap).
  PageJob(std::string file, Render make, bool listed = true, std::string modified = {})
      : path(std::move(file)),
        render(std::move(make)),
        in_sitemap(listed),
        lastmod(std::move(modified)) {}
  /// A page of the theme: `show` makes its view, rendered inside the layout.
  PageJob(std::string file, View show, bool listed = true, std::string modified = {})
      : path(std::move(file)),
        view(std::move(show)),
        render([v = view](templates::Renderer& r) {
          PageView page = v(r);
          return r.render_page(page.template_name, page.value);
        }),
        in_sitemap(listed),
        lastmod(std::move(modified)) {}
  std::string path;  ///< in the output tree, e.g. "notice/2023/a/index.html"
  View view;         ///< set for pages of the theme; safe to call from several threads
  Render render;     ///< the bytes; safe to call from several threads, each with its own renderer
  bool in_sitemap;   ///< an HTML page readers should find
  std::string lastmod;  ///< YYYY-MM-DD for the sitemap, when known
};

/// Every file of the site but the attachments and the theme's static files: document pages,
/// lists, programmes and rounds, feeds, calendars, exports, proposal lists, change pages,
/// redirects, the sitemap.
class SitePages {
 public:
  /// Plans the pages; `inputs`' referents and `theme` must outlive this.
  SitePages(const Inputs& inputs, const templates::Theme& theme);
  ~SitePages();
  SitePages(SitePages&&) noexcept;
  SitePages& operator=(SitePages&&) noexcept;
  const std::vector<PageJob>& jobs() const;
  /// A renderer for one thread, with the values every page shares.
  templates::Renderer renderer() const;
  /// A digest of what every page is rendered with besides its own view: this program, the
  /// theme and the values every page shares. A page whose view and this are as in an earlier
  /// build has that build's bytes.
  const std::string& fingerprint() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// A short fingerprint of the theme's static files, so browsers fetch them again when they
/// change ("?v=…").
std::string asset_version(const std::vector<templates::StaticFile>& files);

/// The address of a task on its list's page: "<list url>#task-<stt>".
std::string task_url(const content::Document& list, const content::Task& task);

/// The body that submits a proposal list: its `submitter`, else its issuer.
const std::string& submitter_of(const content::Document& list);

/// Search results as pages of the site: HTML with the theme, Atom. Not shareable between
/// threads; one per thread.
class SearchPages {
 public:
  /// Loads the site's theme; an error names the template at fault. `utc_offset_minutes`: the
  /// site's time zone, for dates shown as instants.
  static Result<std::unique_ptr<SearchPages>> create(const config::SiteConfig& config,
                                                     int utc_offset_minutes);
  ~SearchPages();
  /// The results page; `error` (already a user-facing sentence) replaces the results.
  std::string html(const search::Query& query, const search::Results& results,
                   const std::string& error);
  /// An Atom feed of the results (newest first), for following a query.
  std::string atom(const search::Query& query, const search::Results& results);
  /// The first moment after the query's clock at which these results would read differently
  /// (a call's state or time left as shown); none when never.
  std::optional<Instant> next_change(const search::Query& query,
                                     const search::Results& results) const;
  /// The query as URL parameters ("q=…&kind=notice&open=1"), without page.
  static std::string query_string(const search::Query& query);

 private:
  struct Impl;
  explicit SearchPages(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gazette::render
