// The stages of a build after loading, each a function of plain data (tests run them in
// memory, with an OutputSink of their own).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "gazette/config.hpp"
#include "gazette/model.hpp"
#include "gazette/render.hpp"
#include "gazette/site.hpp"
#include "output.hpp"

namespace gazette::site {

/// The site's UTC offset at `now`, from its time zone (computed once per build).
int site_utc_offset(const config::SiteConfig& config, Instant now);

/// How many documents the site has, failed ones included, and how many of them have errors:
/// those whose file under the content folder (a document's, or a proposal list's CSV of tasks)
/// has an error in `diags`, left out after loading or not. `loaded`: the documents that loaded.
struct DocumentCount {
  std::size_t all = 0;
  std::size_t failed = 0;
};
DocumentCount count_documents(const std::vector<content::Document>& loaded,
                              const config::SiteConfig& config, const Diagnostics& diags);

class SourceFiles;

/// Every document's Markdown, rendered in parallel, in the order of model.documents; a link
/// to a document's source file gets that document's address (`sources`).
render::RenderedBodies render_bodies(const model::SiteModel& model,
                                     const config::SiteConfig& config, const SourceFiles& sources,
                                     unsigned threads);

/// Moves each body's plain text out (for the search index, which alone reads it), in the
/// order of the bodies: the pages need the HTML only, and the text is not held twice.
std::vector<std::string> take_plain_texts(render::RenderedBodies& bodies);

/// Frees each document's Markdown and the text of its file (kept for checks that quote
/// lines) once its body is rendered and the checks are done: nothing after reads them, and
/// on a large site each is as big as the rendered bodies.
void release_sources(model::SiteModel& model);

/// Copies the theme's static files and every attachment (once each) into `sink`.
void write_assets(const templates::Theme& theme, const model::SiteModel& model,
                  const config::SiteConfig& config, OutputSink& sink);

/// Renders every job on options.threads threads, each with its own renderer, writing into
/// `sink` as it goes (none: render only, as `gazette check` does). Returns the number of
/// HTML pages.
std::size_t write_pages(const render::SitePages& pages, OutputSink* sink,
                        const BuildOptions& options);

}  // namespace gazette::site
