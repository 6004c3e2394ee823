// gazette site: the build pipeline, from content/ to a complete static site.
//
//   gazette::Diagnostics diags;
//   site::BuildOptions options;            // options.now = the clock for open/closed
//   site::BuildReport report = site::build(config, options, diags);
//   if (!report.ok) print(diags);          // the previous site is untouched
//
// A build writes into a staging directory beside the output and swaps it in at the end:
// a reader sees the old site or the new one, never half of one.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gazette/config.hpp"
#include "gazette/core.hpp"

namespace gazette::site {

struct BuildOptions {
  Instant now;               ///< the clock: open/closed states are computed against it
  unsigned threads = 0;      ///< 0: every core
  bool write = true;         ///< false: load, check and render, write nothing (gazette check)
  bool search_index = true;  ///< also build the Xapian index
  /// Called as pages are written (done, total), from any thread; may be empty.
  std::function<void(std::size_t, std::size_t)> progress;
};

struct BuildReport {
  bool ok = false;
  bool site_replaced = false;  ///< the new pages are in place (even if a later step failed)
  std::size_t documents = 0;
  std::size_t pages = 0;  ///< HTML pages written
  std::size_t files = 0;  ///< every file written (pages, feeds, data, attachments, assets)
  double seconds = 0;
  /// The next instant at which a call changes state (opens, closes soon, closes): a rebuild
  /// then shows the new state without JavaScript.
  std::optional<Instant> next_change;
  /// Wall-clock seconds of each stage, in order ("load", "markdown", "render", …).
  std::vector<std::pair<std::string, double>> stages;
};

/// Loads, checks and renders the site, writes it atomically (unless options.write is false).
BuildReport build(const config::SiteConfig& config, const BuildOptions& options,
                  Diagnostics& diags);

}  // namespace gazette::site

namespace gazette::search {
struct Query;
struct Results;
}  // namespace gazette::search

namespace gazette::site {

/// Search results as pages of the site: HTML with the theme, Atom, JSON. One per thread.
class SearchPages {
 public:
  /// Loads the site's theme; an error names the template at fault.
  static Result<std::unique_ptr<SearchPages>> create(const config::SiteConfig& config);
  ~SearchPages();
  /// The results page; `error` (already a user-facing sentence) replaces the results.
  std::string html(const search::Query& query, const search::Results& results,
                   const std::string& error);
  /// An Atom feed of the results (newest first), for following a query.
  std::string atom(const search::Query& query, const search::Results& results);
  /// The results as JSON (the /api/search answer).
  std::string json(const search::Query& query, const search::Results& results);
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

}  // namespace gazette::site
