#include "stages.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <set>
#include <thread>

#include "gazette/content.hpp"
#include "gazette/markdown.hpp"
#include "gazette/text.hpp"
#include "links.hpp"

namespace gazette::site {

int site_utc_offset(const config::SiteConfig& config, Instant now) {
  // An unknown zone is refused when site.toml is read; UTC is the only sane reading here.
  return text::utc_offset_minutes(config.timezone, now).value_or(0);
}

DocumentCount count_documents(const std::vector<content::Document>& loaded,
                              const config::SiteConfig& config, const Diagnostics& diags) {
  DocumentCount count{loaded.size(), 0};
  if (!diags.has_errors()) return count;
  std::string content = display_path(config.content_dir, config.root);
  std::string prefix = content == "." ? "" : content + "/";
  std::set<std::string> failed;
  for (const Diagnostic& d : diags.sorted()) {
    if (d.severity != Severity::error || !d.file.starts_with(prefix)) continue;
    std::filesystem::path ext = std::filesystem::path(d.file).extension();
    if (ext == ".md" || ext == ".markdown" || ext == ".toml" || ext == ".csv") {
      failed.insert(d.file);  // a proposal list's CSV is read only if its .toml was
    }
  }
  failed.erase(display_path(config.config_file, config.root));
  count.failed = failed.size();
  std::size_t loaded_and_failed = 0;
  for (const content::Document& doc : loaded) loaded_and_failed += failed.count(doc.path);
  count.all = loaded.size() + failed.size() - loaded_and_failed;
  return count;
}

render::RenderedBodies render_bodies(const model::SiteModel& model,
                                     const config::SiteConfig& config, const SourceFiles& sources,
                                     unsigned threads) {
  render::RenderedBodies bodies(model.documents.size());
  parallel_for(
      model.documents.size(),
      [&](std::size_t i) {
        const content::Document& doc = model.documents[i];
        markdown::LinkRewrite rewrite = [&](std::string_view url) {
          return sources.published_address(url, doc);
        };
        bodies[i] = markdown::render_markdown(doc.body, config.markdown, rewrite);
      },
      threads);
  return bodies;
}

std::vector<std::string> take_plain_texts(render::RenderedBodies& bodies) {
  std::vector<std::string> texts;
  texts.reserve(bodies.size());
  for (markdown::RenderedMarkdown& body : bodies) {
    texts.push_back(std::move(body.plain_text));
    body.plain_text = std::string();
  }
  return texts;
}

void release_sources(model::SiteModel& model) {
  for (content::Document& d : model.documents) {
    d.body = std::string();
    d.source_text = std::string();
  }
}

namespace {

// An attachment as published: a text file of a Vietnamese site with ƣ where ư is meant is
// written repaired, as documents are; every other file is copied as it is. Either is kept from
// the previous build while its source is the same file, unchanged.
void publish_attachment(const content::Attachment& a, bool repair_oi, OutputSink& sink) {
  static const std::set<std::string> kText = {".txt", ".csv",  ".tsv", ".md",  ".markdown",
                                              ".htm", ".html", ".xml", ".json"};
  std::string identity = file_identity(a.source);
  Origin origin{identity.empty() ? "" : "file " + identity + (repair_oi ? " oi" : ""), ""};
  if (!origin.key.empty() && sink.keep(a.output_path, origin)) return;
  std::string ext = a.source.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (repair_oi && kText.count(ext)) {
    auto bytes = read_file(a.source);
    if (bytes && !find_invalid_utf8(*bytes) && !text::find_oi(*bytes).empty()) {
      sink.write(a.output_path, text::repair_oi(*bytes), origin);
      return;
    }
  }
  sink.copy(a.source, a.output_path, origin);
}

// Writes bytes made in memory, or keeps the previous build's file when it has these bytes.
void write_bytes(OutputSink& sink, const std::string& relative, std::string_view bytes,
                 Origin origin) {
  origin.digest = sha256_hex(bytes);
  if (!sink.keep(relative, origin)) sink.write(relative, bytes, origin);
}

// What a page of the theme is made from: the site's fingerprint, the template, the view.
std::string view_key(const std::string& site_fingerprint, const render::PageView& view) {
  Sha256 digest;
  digest.update_field(site_fingerprint);
  digest.update_field(view.template_name);
  templates::add_to_digest(view.value, digest);
  return digest.hex();
}

}  // namespace

void write_assets(const templates::Theme& theme, const model::SiteModel& model,
                  const config::SiteConfig& config, OutputSink& sink) {
  for (const auto& f : theme.static_files()) {
    write_bytes(sink, "static/" + f.path, f.bytes, {});
    // Browsers ask for /favicon.ico whatever the page links to: the theme's icon is there too.
    if (f.path == "favicon.ico") write_bytes(sink, "favicon.ico", f.bytes, {});
  }
  bool repair_oi = content::oi_is_defect(config);
  std::set<std::string> copied;
  for (const content::Document& d : model.documents) {
    for (const auto& a : d.attachments) {
      if (copied.insert(a.output_path).second) publish_attachment(a, repair_oi, sink);
    }
  }
}

std::size_t write_pages(const render::SitePages& pages, OutputSink* sink,
                        const BuildOptions& options) {
  const std::vector<render::PageJob>& jobs = pages.jobs();
  unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::atomic<std::size_t> next{0}, done{0}, html{0};
  // A page of the theme whose view is as in the previous build is that build's file: it is
  // kept without rendering. Other files are made, and kept when their bytes are the same.
  auto make = [&](const render::PageJob& job, templates::Renderer& renderer) {
    if (!sink) {
      (void)job.render(renderer);  // rendered and checked, not written
      return;
    }
    if (!job.view) {
      write_bytes(*sink, job.path, job.render(renderer), {});
      return;
    }
    render::PageView view = job.view(renderer);
    Origin origin{view_key(pages.fingerprint(), view), ""};
    if (sink->keep(job.path, origin)) return;
    sink->write(job.path, renderer.render_page(view.template_name, view.value), origin);
  };
  auto worker = [&] {
    templates::Renderer renderer = pages.renderer();
    for (std::size_t i = next++; i < jobs.size(); i = next++) {
      make(jobs[i], renderer);
      if (jobs[i].path.ends_with(".html")) ++html;
      std::size_t n = ++done;
      if (options.progress && (n % 64 == 0 || n == jobs.size())) options.progress(n, jobs.size());
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  return html;
}

}  // namespace gazette::site
