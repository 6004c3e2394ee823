// The build: load → check → history → assemble → Markdown → render → write → swap.
#include <chrono>
#include <optional>
#include <thread>

#include "gazette/content.hpp"
#include "gazette/model.hpp"
#include "gazette/render.hpp"
#include "gazette/search.hpp"
#include "gazette/site.hpp"
#include "gazette/text.hpp"
#include "history_stage.hpp"
#include "links.hpp"
#include "output.hpp"
#include "published_urls.hpp"
#include "search_records.hpp"
#include "stages.hpp"
#include "static_search_stage.hpp"

namespace gazette::site {

namespace {

// Wall-clock time of each stage, in order.
class StageClock {
 public:
  explicit StageClock(BuildReport& report) : report_(report) {}
  void lap(const char* name) {
    auto t = std::chrono::steady_clock::now();
    report_.stages.emplace_back(name, std::chrono::duration<double>(t - last_).count());
    last_ = t;
  }
  double total() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  }

 private:
  BuildReport& report_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_ = started_;
};

// The index is written while pages render (it is one thread's work per part) and switched
// in only after the pages are. Nothing is written when the live index has the same inputs.
class IndexWriter {
 public:
  IndexWriter(const model::SiteModel& model, std::vector<std::string> texts,
              const config::SiteConfig& config, IndexOptions options)
      : thread_([this, m = &model, texts = std::move(texts), c = &config,
                 options = std::move(options)]() mutable {
          index_ = write_search_index(*m, std::move(texts), *c, options);
        }) {}
  ~IndexWriter() {
    if (thread_.joinable()) thread_.join();
  }
  Result<std::optional<search::PreparedIndex>> finish() {
    thread_.join();
    return std::move(*index_);
  }

 private:
  std::optional<Result<std::optional<search::PreparedIndex>>> index_;
  std::thread thread_;
};

}  // namespace

namespace {

// What the build reads: the documents (checked), their history and the theme.
struct Sources {
  std::vector<content::Document> documents;
  GitHistory git;
  std::optional<templates::Theme> theme;
  std::map<std::filesystem::path, std::string> drafts;  ///< left out of `documents`: source → path
  std::map<std::string, std::string> draft_urls;        ///< the drafts' addresses → their path
};

Sources read_sources(const config::SiteConfig& config, const BuildOptions& options,
                     Diagnostics& diags, StageClock& clock) {
  Sources in;
  in.documents = content::load_documents(config, diags);
  // Drafts are checked as published documents are, so their errors show before publishing.
  content::check_documents(in.documents, config, diags);
  if (!options.drafts) {
    for (const content::Document& d : in.documents) {
      if (!d.draft) continue;
      in.drafts.emplace(d.source, d.path);
      in.draft_urls.emplace(d.url, d.path);
    }
    in.documents = content::without_drafts(std::move(in.documents), diags);
  }
  clock.lap("load");
  in.git = read_site_history(config, diags);
  clock.lap("history");
  auto theme = templates::load_theme(config.theme_dir);
  if (theme) {
    in.theme = std::move(*theme);
  } else {
    diags.add(theme.error());
  }
  return in;
}

// Writes every file into a new output tree (and the index beside it), then swaps both in:
// the previous site and index stay until everything is written.
// Where a build notes for the next one what it made (`name`): beside the site's other caches,
// unless site.toml put the output or the index there (then nothing is noted or kept).
std::filesystem::path cache_file(const config::SiteConfig& config, const char* name) {
  std::filesystem::path file = config.root / ".gazette" / "cache" / name;
  for (const auto& owned : {config.output_dir, config.search.index_dir}) {
    if (is_within(file.lexically_normal(), owned.lexically_normal())) return {};
  }
  return file;
}

bool write_site(const render::SitePages& pages, const model::SiteModel& model,
                std::vector<std::string> texts, const Sources& in, const config::SiteConfig& config,
                const BuildOptions& options, BuildReport& report, StageClock& clock,
                Diagnostics& diags) {
  std::filesystem::path manifest = cache_file(config, "output-manifest");
  Manifest previous;
  if (!options.clean && !manifest.empty()) previous = Manifest::read(manifest, config.output_dir);
  auto out = OutputTree::create(config.output_dir, manifest, &previous);
  if (!out) {
    diags.add(out.error());
    return false;
  }
  // The replaced site is moved into gazette's own folder, where git does not look (a status
  // walk over a tree being removed fails), and removed from there: by options.remove_old_sites,
  // or here, where it cannot move.
  std::filesystem::path old_sites = cache_file(config, "old-sites");
  if (options.remove_old_sites && !old_sites.empty()) {
    (*out)->remove_old_tree_with([&options, old_sites](const std::filesystem::path& old) {
      if (move_old_site(old, old_sites)) {
        options.remove_old_sites(old_sites);
      } else {
        remove_replaced_site(old);
      }
    });
  }
  write_assets(*in.theme, model, config, **out);
  clock.lap("assets");
  std::optional<IndexWriter> indexer;
  if (options.search_index) {
    IndexOptions index_options;
    index_options.threads = options.threads;
    index_options.source_commit = in.git.history.repo.in_git ? in.git.history.repo.head : "";
    index_options.inputs_file = cache_file(config, "index-inputs");
    index_options.rewrite = options.clean;
    indexer.emplace(model, std::move(texts), config, std::move(index_options));
  }
  report.pages = write_pages(pages, out->get(), options);
  clock.lap("render");
  std::optional<search::PreparedIndex> index;
  if (indexer) {
    auto written = indexer->finish();
    clock.lap("search");
    if (!written) {
      diags.add(written.error());
      return false;
    }
    index = std::move(*written);
    report.index_kept = !index;
    if (index) {
      report.index_segments_written = index->report.segments_written;
      report.index_segments_kept = index->report.segments_kept;
    }
  }
  if (indexer) {
    // The browser's search of a site on a plain file host (search/): about one file in 25
    // of the site's at most, so a host's file-count limit is the site's own.
    std::filesystem::path live = index ? index->generation : config.search.index_dir / "live";
    std::filesystem::path cache = cache_file(config, "static-search");
    if (cache.empty()) {  // site.toml put the caches' place in the output or the index
      cache =
          std::filesystem::temp_directory_path() /
          ("gazette-static-search-" + sha256_hex(config.search.index_dir.string()).substr(0, 12));
    }
    if (Status placed = place_static_search(live, config.search.index_dir, cache,
                                            pages.jobs().size() / 25, **out);
        !placed) {
      if (index) search::discard_index(*index);
      diags.add(placed.error());
      return false;
    }
    clock.lap("static search");
  }
  fault_point("pages-written");
  if (Status committed = (*out)->commit(); !committed) {
    if (index) search::discard_index(*index);
    diags.add(committed.error());
    return false;
  }
  report.files = (*out)->files();
  report.files_kept = (*out)->kept();
  report.site_replaced = true;
  if (index) {
    if (Status switched = search::switch_index(*index); !switched) {
      search::discard_index(*index);
      diags.add(switched.error());  // the pages are new, the index is not: not a success
      return false;
    }
  }
  clock.lap("swap");
  return true;
}

}  // namespace

BuildReport build(const config::SiteConfig& config, const BuildOptions& options,
                  Diagnostics& diags) {
  BuildReport report;
  StageClock clock(report);
  Sources in = read_sources(config, options, diags, clock);
  DocumentCount count = count_documents(in.documents, config, diags);
  report.documents = count.all;
  report.failed_documents = count.failed;
  report.drafts = in.drafts.size();
  if (diags.has_errors()) return report;

  model::SiteModel model = model::assemble(std::move(in.documents), config, options.now);
  SourceFiles sources(config, model.documents, in.drafts);
  render::RenderedBodies bodies = render_bodies(model, config, sources, options.threads);
  std::vector<std::string> texts = take_plain_texts(bodies);
  clock.lap("markdown");

  render::Inputs inputs{model,          config,      bodies,
                        in.git.history, options.now, site_utc_offset(config, options.now)};
  render::SitePages pages(inputs, *in.theme);
  check_published_urls(pages.jobs(), in.draft_urls, in.git.history, config,
                       options.publishing ? Severity::error : Severity::warning, diags);
  // The links are checked against every address the site will have, then the sources freed.
  auto external =
      check_links(model, bodies, sources, SiteAddresses(pages.jobs(), model, *in.theme),
                  options.refuse_unsafe_links ? Severity::error : Severity::warning, diags);
  if (options.external_links) report.external_links = std::move(external);
  release_sources(model);
  clock.lap("links");
  if (diags.has_errors()) return report;

  if (options.write) {
    if (!write_site(pages, model, std::move(texts), in, config, options, report, clock, diags)) {
      return report;
    }
  } else {
    report.pages = write_pages(pages, nullptr, options);  // rendered and checked, not written
    clock.lap("render");
  }
  report.next_change = model::next_state_change(model, options.now, config.closing_soon_days);
  report.ok = true;
  report.seconds = clock.total();
  return report;
}

}  // namespace gazette::site
