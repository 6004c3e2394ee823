// The build: load → check → assemble → render Markdown → render pages → write → swap.
#include <atomic>
#include <chrono>
#include <map>
#include <thread>

#include "feeds.hpp"
#include "gazette/content.hpp"
#include "gazette/search.hpp"
#include "gazette/site.hpp"
#include "gazette/text.hpp"
#include "history_pages.hpp"
#include "output.hpp"
#include "pages.hpp"
#include "proposals_pages.hpp"

namespace gazette::site {

namespace fs = std::filesystem;

namespace {

// Renders every job on `threads` threads, each with its own renderer, writing as it goes.
void run_jobs(const std::vector<PageJob>& jobs, const templates::Theme& theme,
              const templates::Value& site, OutputTree* out, const BuildOptions& options,
              std::size_t& pages) {
  unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::atomic<std::size_t> next{0}, done{0}, html{0};
  auto worker = [&] {
    templates::Renderer renderer = theme.renderer(site);
    for (std::size_t i = next++; i < jobs.size(); i = next++) {
      std::string bytes = jobs[i].render(renderer);
      if (jobs[i].path.ends_with(".html")) ++html;
      if (out) out->write(jobs[i].path, bytes);
      std::size_t n = ++done;
      if (options.progress && (n % 64 == 0 || n == jobs.size())) options.progress(n, jobs.size());
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  pages = html;
}

void copy_assets(const SiteModel& model, const config::SiteConfig& config,
                 const templates::Theme& theme, OutputTree& out) {
  for (const auto& f : theme.static_files()) out.write("static/" + f.path, f.bytes);
  std::set<std::string> copied;
  for (const Document& d : model.documents) {
    for (const auto& a : d.attachments) {
      if (copied.insert(a.output_path).second) out.copy(a.source, a.output_path);
    }
  }
  (void)config;
}

// What the search index holds for each document: the text as a reader sees it.
std::vector<search::Record> search_records(const SiteModel& model, const RenderedBodies& bodies) {
  std::vector<search::Record> records;
  records.reserve(model.documents.size());
  for (std::size_t i = 0; i < model.documents.size(); ++i) {
    const Document& d = model.documents[i];
    search::Record r;
    r.url = d.url;
    r.kind = std::string(content::kind_name(d.kind));
    r.title = d.title;
    r.number = d.number;
    r.issuer = d.issuer;
    r.province = d.province;
    r.program = d.program;
    r.round = d.round;
    r.submitter = d.submitter;
    r.issued = d.issued;
    r.deadline = d.deadline;
    r.opens = d.opens;
    r.withdrawn = superseded(model, d);  // no longer open, as its page says
    r.body = bodies[i].plain_text;
    // Words a reader may search by that are not in the text: tags, cited numbers, people.
    for (const auto* list : {&d.tags, &d.references, &d.recipients}) {
      for (const auto& item : *list) r.keywords += item + "\n";
    }
    if (d.signer) r.keywords += d.signer->name + "\n";
    if (d.contact) r.keywords += d.contact->office + "\n";
    records.push_back(std::move(r));
  }
  // Each task of a proposal list is a search document of its own (proposals_pages.cpp).
  for (search::Record& r : task_records(model)) records.push_back(std::move(r));
  return records;
}

// Writes the index: documents of archived rounds go to databases of their own, built once.
Result<search::PreparedIndex> write_search_index(const SiteModel& model,
                                                 const RenderedBodies& bodies,
                                                 const config::SiteConfig& config, unsigned threads,
                                                 const std::string& source_commit) {
  std::vector<search::Record> all = search_records(model, bodies);
  // The archive of each record ("": the live index), from its own programme and round:
  // records are documents, then tasks.
  std::vector<std::string> archive_of(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    const search::Record& r = all[i];
    const Round* round = r.round ? model.find_round(r.program, *r.round) : nullptr;
    if (round && round->archived) {
      archive_of[i] = text::slugify(r.program) + "-" + std::to_string(*r.round);
    }
  }
  std::vector<search::Record> live;
  std::map<std::string, search::Archive> archives;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (archive_of[i].empty()) {
      live.push_back(std::move(all[i]));
    } else {
      // Archive records point into `all`, which stays alive until the index is written.
      archives[archive_of[i]].name = archive_of[i];
      archives[archive_of[i]].records.push_back(&all[i]);
    }
  }
  std::vector<search::Archive> list;
  for (auto& [name, archive] : archives) list.push_back(std::move(archive));
  return search::write_index(live, list, config.search.index_dir, threads, source_commit);
}

}  // namespace

BuildReport build(const config::SiteConfig& config, const BuildOptions& options,
                  Diagnostics& diags) {
  auto started = std::chrono::steady_clock::now();
  BuildReport report;
  auto stage_start = started;
  auto stage = [&](const char* name) {
    auto t = std::chrono::steady_clock::now();
    report.stages.emplace_back(name, std::chrono::duration<double>(t - stage_start).count());
    stage_start = t;
  };

  std::vector<content::Document> documents = content::load_documents(config, diags);
  report.documents = documents.size();
  content::check_documents(documents, config, diags);
  stage("load");
  SiteHistory history = read_site_history(config, diags);
  stage("history");
  auto theme = templates::load_theme(config.theme_dir);
  if (!theme) diags.add(theme.error());
  if (diags.has_errors()) return report;

  Strings strings(theme->strings(config.language), config.language);
  SiteModel model = assemble(std::move(documents), config, options.now);
  report.documents = model.documents.size();
  LocalTime local = local_time(options.now);
  int offset = text::utc_offset_minutes(config.timezone, local.date.year, local.date.month,
                                        local.date.day, 12, 0);
  ViewContext ctx{model, config, strings, options.now, offset == -1000000 ? 0 : offset, &history};

  RenderedBodies bodies(model.documents.size());
  parallel_for(
      model.documents.size(),
      [&](std::size_t i) {
        bodies[i] = markdown::render_markdown(model.documents[i].body, config.markdown);
      },
      options.threads);
  stage("markdown");

  std::vector<PageJob> jobs;
  add_document_pages(jobs, ctx, bodies);
  add_list_pages(jobs, ctx, bodies);
  add_change_pages(jobs, ctx);
  add_redirect_pages(jobs, ctx);
  add_feed_files(jobs, ctx);
  add_calendars(jobs, ctx);
  add_exports(jobs, ctx);
  add_sitemap(jobs, ctx);
  check_published_urls(jobs, ctx, diags);
  if (diags.has_errors()) return report;

  std::unique_ptr<OutputTree> out;
  if (options.write) {
    auto created = OutputTree::create(config.output_dir);
    if (!created) {
      diags.add(created.error());
      return report;
    }
    out = std::move(*created);
    copy_assets(model, config, *theme, *out);
  }
  stage("assets");
  // The index is written while pages render (it is one thread's work per part); it is
  // switched in only after the pages are.
  std::optional<Result<search::PreparedIndex>> index;
  std::thread indexer;
  if (options.write && options.search_index) {
    indexer = std::thread([&] {
      std::string commit = history.repo.in_git ? history.repo.head : "";
      index = write_search_index(model, bodies, config, options.threads, commit);
    });
  }
  templates::Value site = site_view(ctx, asset_version(theme->static_files()));
  run_jobs(jobs, *theme, site, out.get(), options, report.pages);
  stage("render");
  if (indexer.joinable()) {
    indexer.join();
    stage("search");
    if (!*index) {
      diags.add(index->error());
      return report;
    }
  }

  if (out) {
    Status committed = out->commit();
    if (!committed) {
      diags.add(committed.error());
      return report;
    }
    report.files = out->files();
    if (index) {
      Status switched = search::switch_index(**index);
      if (!switched) diags.add(switched.error());
    }
    stage("swap");
  }
  report.next_change = next_state_change(model, options.now, config.closing_soon_days);
  report.ok = true;
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace gazette::site
