// The usage examples that open each public header, compiled: each function below holds one
// header's example lines verbatim (the test checks they are all here), with what the example
// takes as given declared as parameters. An example that calls something that no longer
// exists fails the build.
#include <doctest/doctest.h>

#include <atomic>
#include <cassert>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "gazette/config.hpp"
#include "gazette/content.hpp"
#include "gazette/core.hpp"
#include "gazette/history.hpp"
#include "gazette/linkcheck.hpp"
#include "gazette/markdown.hpp"
#include "gazette/model.hpp"
#include "gazette/render.hpp"
#include "gazette/search.hpp"
#include "gazette/serve.hpp"
#include "gazette/site.hpp"
#include "gazette/templates.hpp"
#include "gazette/text.hpp"
#include "gazette/watch.hpp"

// The lines must stay as the headers show them.
// clang-format off
namespace examples {

using namespace gazette;

int core_example() {
  gazette::Diagnostics diags;
  diags.error("content/a.md", {3, 1}, "unknown front-matter key `dat`", "did you mean `date`?");
  if (diags.has_errors()) return 1;
  return 0;
}

Status config_example() {
  auto config = gazette::config::load_config("site.toml");
  if (!config) return config.error();          // names site.toml's line, with a hint
  bool raw_html = config->markdown.allow_html;
  (void)raw_html;

  gazette::Diagnostics diags;                  // or every problem of site.toml at once
  std::optional<gazette::config::SiteConfig> site = gazette::config::load_site(".", diags);
  return site ? Status(Ok{}) : Status(diags.sorted().front());
}

void content_example(const config::SiteConfig& config) {
  gazette::Diagnostics diags;
  std::vector<content::Document> docs = content::load_documents(config, diags);
  // every broken file is in diags, each with file:line and a hint
}

Status history_example(const std::filesystem::path& site_dir) {
  auto repo = history::inspect_repository(site_dir);           // Result<RepoInfo>
  if (!repo) return repo.error();
  if (repo->in_git) {
    auto hist = history::read_history(*repo, "content/");      // one pass over the commits
    const history::FileHistory& f = hist->files.at("content/notices/2023/a.md");
    const history::Change* first = f.first_published();       // when it was published
    const history::Change* amended = f.last_amended();        // nullptr: never amended
  }
  // after a build: commit public/ to the append-only branch "site", then check a mirror
  auto published = history::publish_tree(*repo, "public", "site", repo->head, "Publish");
  auto report = history::verify_tree(*repo, "site", "/srv/mirror");   // report->ok()
  return Ok{};
}

void markdown_example() {
  auto r = gazette::markdown::render_markdown("## Mục tiêu\nNăng suất", {});
  std::string html = r.html;    // "<h2><span id=\"muc-tieu\"></span>Mục tiêu</h2>\n<p>…"
  std::string text = r.plain_text;  // "Mục tiêu\nNăng suất\n": what search indexes
  auto toc = r.headings;        // [{2, "Mục tiêu", "muc-tieu"}]: a table of contents
  auto links = r.links;         // every link and image, as written, with its line
}

void linkcheck_example(void (*show)(const std::string&, const std::string&)) {
  linkcheck::FetchOptions options;  // 10 s per request, 8 at a time
  auto failed = linkcheck::check_urls({"https://chinhphu.vn/", "https://a.example/x"}, options);
  for (const auto& [url, why] : failed) show(url, why);  // "answers 404 Not Found"
}

void model_example(std::vector<content::Document> documents, const config::SiteConfig& config,
                   Instant now, void (*show)(const model::Program&)) {
  model::SiteModel m = model::assemble(std::move(documents), config, now);
  for (const model::Program& p : m.programs) show(p);  // by id, each with its rounds
  const auto& calls = m.open_calls;                     // soonest deadline first
  auto again = model::next_state_change(m, now, config.closing_soon_days);  // build then
}

struct Sink {
  void write(const std::string& path, const std::string& bytes) { files.emplace_back(path, bytes); }
  std::vector<std::pair<std::string, std::string>> files;
};

void render_example(const model::SiteModel& model, const config::SiteConfig& config,
                    const render::RenderedBodies& bodies, const render::SiteHistory& history,
                    Instant now, int utc_offset, const templates::Theme& theme, Sink& sink,
                    const search::Query& query, const search::Results& answer) {
  render::Inputs inputs{model, config, bodies, history, now, utc_offset};
  render::SitePages pages(inputs, theme);        // plans every file; nothing rendered yet
  templates::Renderer r = pages.renderer();       // one per thread
  for (const render::PageJob& job : pages.jobs()) sink.write(job.path, job.render(r));

  auto results = render::SearchPages::create(config, utc_offset);  // one per thread
  std::string html = (*results)->html(query, answer, "");
}

void site_example(const config::SiteConfig& config, void (*print)(const Diagnostics&)) {
  gazette::Diagnostics diags;
  site::BuildOptions options;            // options.now = the clock for open/closed
  site::BuildReport report = site::build(config, options, diags);
  if (!report.ok) print(diags);          // the previous site is untouched
}

void templates_example(const config::SiteConfig& config, const templates::Value& site_view,
                       const templates::Value& page_view) {
  auto theme = templates::load_theme(config.theme_dir);           // empty dir: built-in
  templates::Renderer r = theme->renderer(site_view);             // one per thread
  std::string html = r.render_page("document", page_view);        // inside layout "base"
}

void text_example() {
  assert(text::nfc("Hoa\u0300") == "Hoà");
  assert(text::fold("Năng Suất ĐIỆN BIÊN") == "nang suat dien bien");
  assert(text::slugify("Thông báo tuyển chọn") == "thong-bao-tuyen-chon");
  text::Collator vi("vi");
  assert(vi.less("Cà Mau", "Đà Nẵng"));
}

void search_example(const std::vector<search::Record>& records,
                    const std::filesystem::path& index_dir) {
  auto built = search::build_index(records, {}, index_dir);  // at the end of gazette build
  auto searcher = search::Searcher::open(index_dir, {});     // one per thread
  search::Query q;
  q.text = "nang suat chat luong";
  q.now = now();
  auto r = (*searcher)->search(q);  // Result<Results>: an unreachable shard is an error
}

void serve_example(const config::SiteConfig& config) {
  serve::ServerOptions options;
  options.root = config.output_dir;                 // the built site
  options.search = serve::search_service_for(config, now());  // none: static files only
  serve::Server server(options);
  if (Status bound = server.bind(); bound) server.listen_after_bind();  // until stop()
}

void watch_example(const config::SiteConfig& config, const std::atomic<bool>& stop,
                   const std::function<void(const watch::Changes&)>& rebuild) {
  auto watcher = watch::Watcher::open(config.root, {config.output_dir});
  while (auto changes = (*watcher)->wait(stop)) rebuild(*changes);  // until stop is set
}

}  // namespace examples
// clang-format on

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The code lines of the comment that opens a header: those indented under "//".
std::vector<std::string> example_lines(const std::string& header) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < header.size()) {
    std::size_t end = header.find('\n', start);
    if (end == std::string::npos) end = header.size();
    std::string line = header.substr(start, end - start);
    start = end + 1;
    if (line.rfind("//", 0) != 0) break;  // the opening comment ends
    if (line.rfind("//   ", 0) == 0) lines.push_back(line.substr(5));
  }
  return lines;
}

}  // namespace

TEST_CASE("headers: every public header's usage example is compiled code") {
  const std::string root = GAZETTE_SOURCE_DIR;
  std::string self = read(root + "/tests/headers/examples_test.cpp");
  REQUIRE_FALSE(self.empty());
  const char* headers[] = {
      "generator/core/include/gazette/core.hpp",
      "generator/config/include/gazette/config.hpp",
      "generator/content/include/gazette/content.hpp",
      "generator/history/include/gazette/history.hpp",
      "generator/linkcheck/include/gazette/linkcheck.hpp",
      "generator/markdown/include/gazette/markdown.hpp",
      "generator/model/include/gazette/model.hpp",
      "generator/render/include/gazette/render.hpp",
      "generator/site/include/gazette/site.hpp",
      "generator/templates/include/gazette/templates.hpp",
      "generator/text/include/gazette/text.hpp",
      "search/index/include/gazette/search.hpp",
      "search/serve/include/gazette/serve.hpp",
      "generator/watch/include/gazette/watch.hpp",
  };
  for (const char* header : headers) {
    std::string text = read(root + "/" + header);
    REQUIRE_MESSAGE(!text.empty(), header);
    std::vector<std::string> lines = example_lines(text);
    CHECK_MESSAGE(lines.size() >= 2, header << " opens without a usage example");
    for (const std::string& line : lines) {
      CHECK_MESSAGE(self.find("  " + line + "\n") != std::string::npos,
                    header << ": example line not compiled here: " << line);
    }
  }
}

TEST_CASE("headers: the text example holds") {
  examples::text_example();
  CHECK(examples::core_example() == 1);
}
