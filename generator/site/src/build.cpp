// The build: load → check → assemble → render Markdown → render pages → write → swap.
#include <atomic>
#include <chrono>
#include <thread>

#include "feeds.hpp"
#include "gazette/content.hpp"
#include "gazette/site.hpp"
#include "gazette/text.hpp"
#include "output.hpp"
#include "pages.hpp"

namespace gazette::site {

namespace fs = std::filesystem;

namespace {

// A short fingerprint of the theme's assets, so browsers fetch them again when they change.
std::string asset_version(const std::vector<templates::StaticFile>& files) {
  std::uint64_t hash = 1469598103934665603ull;  // FNV-1a
  for (const auto& f : files) {
    for (char c : f.bytes) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ull;
    }
  }
  char buf[20];
  std::snprintf(buf, sizeof buf, "%08llx", static_cast<unsigned long long>(hash & 0xffffffffull));
  return buf;
}

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
  auto theme = templates::load_theme(config.theme_dir);
  if (!theme) diags.add(theme.error());
  if (diags.has_errors()) return report;

  Strings strings(theme->strings(config.language), config.language);
  SiteModel model = assemble(std::move(documents), config, options.now);
  report.documents = model.documents.size();
  LocalTime local = local_time(options.now);
  int offset = text::utc_offset_minutes(config.timezone, local.date.year, local.date.month,
                                        local.date.day, 12, 0);
  ViewContext ctx{model, config, strings, options.now, offset == -1000000 ? 0 : offset};

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
  add_feed_files(jobs, ctx);
  add_exports(jobs, ctx);
  add_sitemap(jobs, ctx);

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
  templates::Value site = site_view(ctx, asset_version(theme->static_files()));
  run_jobs(jobs, *theme, site, out.get(), options, report.pages);
  stage("render");

  if (out) {
    Status committed = out->commit();
    if (!committed) {
      diags.add(committed.error());
      return report;
    }
    report.files = out->files();
    stage("swap");
  }
  report.next_change = next_state_change(model, options.now, config.closing_soon_days);
  report.ok = true;
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace gazette::site
