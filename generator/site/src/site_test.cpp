// The build's writing stages, into memory: every planned file written once, assets copied
// once, HTML pages counted.
#include <doctest/doctest.h>

#include <mutex>

#include "links.hpp"
#include "memory_site.hpp"
#include "stages.hpp"

using namespace gazette;

namespace {

// Files written and copied, kept in memory.
class MemorySink final : public site::OutputSink {
 public:
  void write(const std::string& relative, std::string_view bytes, const site::Origin&) override {
    std::lock_guard lock(mutex_);
    ++writes[relative];
    files[relative] = std::string(bytes);
  }
  void copy(const std::filesystem::path& source, const std::string& relative,
            const site::Origin&) override {
    std::lock_guard lock(mutex_);
    ++writes[relative];
    copies[relative] = source;
  }
  bool keep(const std::string&, const site::Origin&) override { return false; }
  std::map<std::string, std::string> files;
  std::map<std::string, std::filesystem::path> copies;
  std::map<std::string, int> writes;

 private:
  std::mutex mutex_;
};

constexpr const char* kNow = "2023-04-20T09:00:00+07:00";

std::string notice(const std::string& title) {
  return "+++\ntitle = \"" + title + "\"\nissued = 2023-04-12\n+++\nNội dung.\n";
}

}  // namespace

TEST_CASE("site: every planned file is written once, on every thread count") {
  MemorySite site({{"content/notices/a.md", notice("A")}, {"content/notices/b.md", notice("B")}},
                  kNow);
  for (unsigned threads : {1u, 2u, 5u}) {
    MemorySink sink;
    site::BuildOptions options;
    options.threads = threads;
    std::size_t html = site::write_pages(site.pages(), &sink, options);
    REQUIRE(sink.files.size() == site.pages().jobs().size());
    std::size_t expected_html = 0;
    for (const auto& job : site.pages().jobs()) {
      CHECK(sink.writes[job.path] == 1);
      if (job.path.ends_with(".html")) ++expected_html;
    }
    CHECK(html == expected_html);
    CHECK(sink.files.count("notice/2023/a/index.html") == 1);
    CHECK(sink.files["notice/2023/b/index.html"].find("<h1") != std::string::npos);
  }
}

TEST_CASE("site: progress is reported up to the last job") {
  MemorySite site({{"content/notices/a.md", notice("A")}}, kNow);
  std::size_t last_done = 0, last_total = 0;
  site::BuildOptions options;
  options.threads = 1;
  options.progress = [&](std::size_t done, std::size_t total) {
    last_done = done;
    last_total = total;
  };
  site::write_pages(site.pages(), nullptr, options);  // render only, as `gazette check` does
  CHECK(last_total == site.pages().jobs().size());
  CHECK(last_done == last_total);
}

TEST_CASE("site: the theme's static files and each attachment are written once") {
  MemorySite site({{"content/notices/a.md", notice("A")}}, kNow);
  model::SiteModel model;
  content::Document d;
  content::Attachment shared;
  shared.source = "/site/files/mau.docx";
  shared.output_path = "files/mau.docx";
  d.attachments = {shared, shared};
  model.documents = {d, d};
  MemorySink sink;
  site::write_assets(site.theme(), model, config::default_config("/site"), sink);
  CHECK(sink.writes["files/mau.docx"] == 1);
  CHECK(sink.copies["files/mau.docx"] == "/site/files/mau.docx");
  CHECK(sink.files.count("static/css/site.css") == 1);
  CHECK(sink.files.count("static/js/site.js") == 1);
}

TEST_CASE("site: the theme's favicon is also at /favicon.ico, where browsers ask for it") {
  MemorySite site({{"content/notices/a.md", notice("A")}}, kNow);
  MemorySink sink;
  site::write_assets(site.theme(), model::SiteModel{}, config::default_config("/site"), sink);
  REQUIRE(sink.files.count("favicon.ico") == 1);
  CHECK(sink.files["favicon.ico"] == sink.files["static/favicon.ico"]);
  CHECK(sink.files["favicon.ico"].rfind(std::string("\0\0\1\0", 4), 0) == 0);  // an icon
}

TEST_CASE("site: the plain texts leave the rendered bodies in order, their HTML stays") {
  MemorySite site({{"content/notices/a.md", notice("A")}, {"content/notices/b.md", notice("B")}},
                  kNow);
  config::SiteConfig config = config::default_config("/s");
  site::SourceFiles sources(config, site.model().documents, {});
  render::RenderedBodies bodies = site::render_bodies(site.model(), config, sources, 1);
  std::vector<std::string> expected;
  for (const auto& b : bodies) expected.push_back(b.plain_text);
  REQUIRE(expected.size() == 2);
  REQUIRE_FALSE(expected[0].empty());
  std::vector<std::string> texts = site::take_plain_texts(bodies);
  CHECK(texts == expected);
  for (const auto& b : bodies) {
    CHECK(b.plain_text.empty());
    CHECK(b.html.find("Nội dung") != std::string::npos);
  }
}

TEST_CASE("site: released sources leave every document but its Markdown") {
  model::SiteModel model = model::assemble(
      parse_documents({{"content/notices/a.md", notice("A")}}, config::default_config("/s")),
      config::default_config("/s"), *parse_rfc3339(kNow));
  REQUIRE(model.documents.at(0).body.find("Nội dung") != std::string::npos);
  REQUIRE_FALSE(model.documents.at(0).source_text.empty());
  site::release_sources(model);
  CHECK(model.documents.at(0).body.empty());
  CHECK(model.documents.at(0).source_text.empty());
  CHECK(model.documents.at(0).title == "A");
}
