// gazette serve --watch, run as a user runs it: rebuilds on edits, pages told to reload, a
// failed build shown in the page while the last good site is served.
#include <doctest/doctest.h>

#include <regex>

#include "background_gazette.hpp"
#include "http_client.hpp"
#include "temp_site.hpp"

namespace {

const std::string kArgs = std::string("serve --watch --now ") + kTestClock;

// The build ids the stream announced, in order.
std::vector<std::string> builds_in(const std::string& stream) {
  std::vector<std::string> ids;
  std::regex id("\"build\":\"([^\"]+)\"");
  for (std::sregex_iterator it(stream.begin(), stream.end(), id), end; it != end; ++it) {
    ids.push_back((*it)[1]);
  }
  return ids;
}

}  // namespace

TEST_CASE("serve --watch: an edited notice is rebuilt and the open pages are told to reload") {
  TempSite site({{"content/notices/a.md", notice("Thông báo cũ")}});
  BackgroundGazette serving(site.path(), kArgs);
  REQUIRE_MESSAGE(serving.port() > 0, serving.output());
  auto page = http_get(serving.port(), "/notice/2023/a/");
  REQUIRE(page);
  CHECK(page->body.find("Thông báo cũ") != std::string::npos);
  CHECK(page->body.find("<script src=\"/_gazette/live.js\"></script></body>") != std::string::npos);
  auto script = http_get(serving.port(), "/_gazette/live.js");
  REQUIRE(script);
  CHECK(script->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
  CHECK(script->body.find("new EventSource(\"/_gazette/live\")") != std::string::npos);

  EventStream events(serving.port(), "/_gazette/live");
  REQUIRE(events.wait_for("\"ok\":true"));
  CHECK(events.received().find("Content-Type: text/event-stream") != std::string::npos);
  site.write("content/notices/a.md", notice("Thông báo mới"));
  REQUIRE_MESSAGE(events.wait_for("\"ok\":true"), serving.output());
  auto ids = builds_in(events.received());
  REQUIRE(ids.size() == 2);
  CHECK(ids[0] != ids[1]);  // a new build: the page reloads
  page = http_get(serving.port(), "/notice/2023/a/");
  REQUIRE(page);
  CHECK(page->body.find("Thông báo mới") != std::string::npos);
  CHECK(serving.output().find("Changed: content/notices/a.md: building…") != std::string::npos);
}

TEST_CASE("serve --watch: a failed build shows file:line and hint, the last good site stays") {
  TempSite site({{"content/notices/a.md", notice("Thông báo tốt")}});
  BackgroundGazette serving(site.path(), kArgs);
  REQUIRE_MESSAGE(serving.port() > 0, serving.output());
  EventStream events(serving.port(), "/_gazette/live");
  REQUIRE(events.wait_for("\"ok\":true"));

  site.write("content/notices/a.md",
             "+++\ntitle = 12\nkind = \"notice\"\nissued = 2023-04-12\n+++\n");
  REQUIRE_MESSAGE(events.wait_for("\"ok\":false"), serving.output());
  CHECK(
      events.wait_for("content/notices/a.md:2:9: error: `title` must be text in quotes, not a "
                      "number"));
  CHECK(events.wait_for("hint: write it in quotes: title = \\\"12\\\""));
  auto page = http_get(serving.port(), "/notice/2023/a/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find("Thông báo tốt") != std::string::npos);
  CHECK(serving.output().find("the last good site is served") != std::string::npos);

  site.write("content/notices/a.md", notice("Thông báo sửa"));
  REQUIRE_MESSAGE(events.wait_for("\"ok\":true"), serving.output());
  page = http_get(serving.port(), "/notice/2023/a/");
  REQUIRE(page);
  CHECK(page->body.find("Thông báo sửa") != std::string::npos);
}

TEST_CASE("serve --watch: a broken site.toml is a failed build, shown in the page") {
  TempSite site({{"content/notices/a.md", notice("Thông báo")}});
  BackgroundGazette serving(site.path(), kArgs);
  REQUIRE_MESSAGE(serving.port() > 0, serving.output());
  EventStream events(serving.port(), "/_gazette/live");
  REQUIRE(events.wait_for("\"ok\":true"));
  site.write("site.toml", "title = \"Cổng\n");
  REQUIRE_MESSAGE(events.wait_for("\"ok\":false"), serving.output());
  CHECK(events.wait_for("site.toml:1:"));
}

TEST_CASE("serve --watch --drafts: a draft is built and shown while editing") {
  TempSite site({{"content/notices/a.md", notice("Thông báo")},
                 {"content/notices/b.md", notice("Bản nháp", "draft = true\n")}});
  BackgroundGazette previewing(site.path(), kArgs + " --drafts");
  REQUIRE_MESSAGE(previewing.port() > 0, previewing.output());
  auto draft = http_get(previewing.port(), "/notice/2023/b/");
  REQUIRE(draft);
  CHECK(draft->status == 200);
  CHECK(draft->body.find("Bản nháp") != std::string::npos);
}

TEST_CASE("serve --watch: drafts stay out unless --drafts") {
  TempSite site({{"content/notices/a.md", notice("Thông báo")},
                 {"content/notices/b.md", notice("Bản nháp", "draft = true\n")}});
  BackgroundGazette serving(site.path(), kArgs);
  REQUIRE_MESSAGE(serving.port() > 0, serving.output());
  auto draft = http_get(serving.port(), "/notice/2023/b/");
  REQUIRE(draft);
  CHECK(draft->status == 404);
}

TEST_CASE("serve: without --watch pages have no script and there are no events") {
  TempSite site({{"content/notices/a.md", notice("Thông báo")}});
  REQUIRE(site.build().report.ok);
  BackgroundGazette serving(site.path(), std::string("serve --now ") + kTestClock);
  REQUIRE_MESSAGE(serving.port() > 0, serving.output());
  auto page = http_get(serving.port(), "/notice/2023/a/");
  REQUIRE(page);
  CHECK(page->body.find("_gazette") == std::string::npos);
  auto events = http_get(serving.port(), "/_gazette/live");
  REQUIRE(events);
  CHECK(events->status == 404);
}
