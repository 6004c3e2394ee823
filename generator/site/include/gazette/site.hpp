// gazette site: the build pipeline, from content/ to a complete static site:
// load → check → history → assemble → Markdown → render → write → swap.
//
//   gazette::Diagnostics diags;
//   site::BuildOptions options;            // options.now = the clock for open/closed
//   site::BuildReport report = site::build(config, options, diags);
//   if (!report.ok) print(diags);          // the previous site is untouched
//
// A build writes into a staging directory beside the output and swaps it in at the end:
// a reader sees the old site or the new one, never half of one. Files that would be what the
// previous build wrote are linked from it, not made again (.gazette/cache/output-manifest
// says what made each); BuildOptions::clean makes them all.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
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
  /// Make every file again, keeping nothing of the previous build (gazette build --clean).
  bool clean = false;
  bool drafts = false;          ///< publish drafts (`draft = true`) too: a preview, not the site
  bool external_links = false;  ///< list the text's links to other sites (BuildReport)
  /// A javascript:, vbscript:, data: or file: link is an error (gazette check), not a warning:
  /// a build publishes its text without the link, so a pasted document does not stop a site.
  bool refuse_unsafe_links = false;
  /// gazette publish: a published page that would disappear is an error (elsewhere a warning,
  /// so a site can be built and checked while the decision is pending).
  bool publishing = false;
  /// Called as pages are written (done, total), from any thread; may be empty.
  std::function<void(std::size_t, std::size_t)> progress;
  /// Removes the previous sites once the new one is in its place: they are moved into a
  /// folder of gazette's own (.gazette/cache/old-sites, out of git's sight), which this is
  /// given to empty (remove_old_sites). Empty: the build removes the previous site itself
  /// before it returns. gazette build hands the folder to a process of its own, so that the
  /// command does not wait on the disk for tens of thousands of files it no longer needs.
  std::function<void(const std::filesystem::path&)> remove_old_sites;
};

/// A link of a document's text to another site (http, https), where it is written.
struct ExternalLink {
  std::string url;
  std::string file;  ///< the document, as the user sees it
  SourceLoc loc;
  std::string source_line;
};

struct BuildReport {
  bool ok = false;
  bool site_replaced = false;        ///< the new pages are in place (even if a later step failed)
  std::size_t documents = 0;         ///< every document of the site, failed ones included
                                     ///< (drafts left out are not counted)
  std::size_t failed_documents = 0;  ///< of those, the ones with errors
  std::size_t drafts = 0;            ///< drafts left out (none with BuildOptions::drafts)
  std::size_t pages = 0;             ///< HTML pages written
  std::size_t files = 0;  ///< every file written (pages, feeds, data, attachments, assets)
  /// Of `files`, those the previous build wrote that were kept as they were (not rendered again
  /// when the page's view was the same, not rewritten when the bytes were).
  std::size_t files_kept = 0;
  /// The live search index was made from the same records and was kept, not written again.
  bool index_kept = false;
  /// Of the live index's segments (a few hundred records each), those indexed by this build
  /// and those a previous build wrote for the same records, reused.
  std::size_t index_segments_written = 0, index_segments_kept = 0;
  double seconds = 0;
  /// The next instant at which a call changes state (opens, closes soon, closes): a rebuild
  /// then shows the new state without JavaScript.
  std::optional<Instant> next_change;
  /// Wall-clock seconds of each stage, in order ("load", "markdown", "render", …).
  std::vector<std::pair<std::string, double>> stages;
  /// With BuildOptions::external_links: every link to another site, in document order.
  std::vector<ExternalLink> external_links;
};

/// Loads, checks and renders the site, writes it atomically (unless options.write is false).
BuildReport build(const config::SiteConfig& config, const BuildOptions& options,
                  Diagnostics& diags);

/// Removes the sites builds made and replaced, in `dir` (BuildOptions::remove_old_sites), each
/// one's mark (.made-by-gazette) last, so a removal cut short is finished by a later one.
/// Leaves anything else: what is not a directory named as a build's tree and marked.
void remove_old_sites(const std::filesystem::path& dir);

}  // namespace gazette::site
