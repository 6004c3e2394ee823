// End-to-end: gazette serve's static files over HTTP: only what is inside public/ is served,
// addresses that try to leave it are refused, and each answer has its media type.
#include <doctest/doctest.h>

#include "running_server.hpp"
#include "temp_site.hpp"

namespace {

std::map<std::string, std::string> site_files() {
  return {{"site.toml", "title = \"T\"\n# SECRET-OF-THE-SITE\n"},
          {"content/notices/a.md",
           notice("A", "deadline = 2023-04-25T17:00:00+07:00\n", "SECRET-OF-CONTENT\n")}};
}

}  // namespace

TEST_CASE("serve: an address that leads out of public/ is refused, however it is spelled") {
  TempSite site(site_files());
  REQUIRE(site.build().report.ok);
  site.write("public/../outside.txt", "SECRET-BESIDE");
  RunningServer server(site);
  int checked = 0;
  for (const char* path :
       {"/../site.toml", "/%2e%2e/site.toml", "/%2E%2E/site.toml", "/notice/../../site.toml",
        "/notice/%2e%2e/%2e%2e/site.toml", "/..%2fsite.toml", "/%2e%2e%2fsite.toml",
        "/%252e%252e/site.toml", "/..\\site.toml", "/%5c..%5csite.toml", "/../outside.txt",
        "/../content/notices/a.md", "/%2e%2e/content/notices/a.md", "//etc/passwd", "/a%00b.html",
        "/index.html%00.txt"}) {
    auto res = server.get(path);
    REQUIRE_MESSAGE(res, path);
    CHECK_MESSAGE((res->status == 400 || res->status == 404), path, " → ", res->status);
    CHECK_MESSAGE(!contains(res->body, "SECRET-"), path);
    CHECK_MESSAGE(!contains(res->body, "root:"), path);
    ++checked;
  }
  CHECK(checked == 16);
  auto bad = server.get("/%2e%2e/site.toml");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(bad->body == "Bad request path\n");
}

TEST_CASE("serve: files get their type, directories their slash, and a miss the 404 page") {
  TempSite site(site_files());
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  struct Want {
    const char* path;
    int status;
    const char* type;
  };
  for (const Want& w : {Want{"/", 200, "text/html; charset=utf-8"},
                        Want{"/notice/2023/a/", 200, "text/html; charset=utf-8"},
                        Want{"/notice/2023/a/index.html", 200, "text/html; charset=utf-8"},
                        Want{"/feed.xml", 200, "application/atom+xml; charset=utf-8"},
                        Want{"/sitemap.xml", 200, "application/xml; charset=utf-8"},
                        Want{"/notice/2023/a/a.ics", 200, "text/calendar; charset=utf-8"},
                        Want{"/data/documents.json", 200, "application/json; charset=utf-8"},
                        Want{"/data/documents.csv", 200, "text/csv; charset=utf-8"},
                        Want{"/robots.txt", 200, "text/plain; charset=utf-8"},
                        Want{"/no/such/page/", 404, "text/html; charset=utf-8"}}) {
    auto res = server.get(w.path);
    REQUIRE_MESSAGE(res, w.path);
    CHECK_MESSAGE(res->status == w.status, w.path);
    CHECK_MESSAGE(res->get_header_value("Content-Type") == w.type, w.path);
    CHECK_MESSAGE(
        res->get_header_value("X-Content-Type-Options") == (w.status == 200 ? "nosniff" : ""),
        w.path);
  }
  CHECK(server.get("/notice/2023/a/")->body == site.page("notice/2023/a/index.html"));
  CHECK(server.get("/no/such/page/")->body == site.page("404.html"));
  auto folder = server.get("/notice/2023/a");
  REQUIRE(folder);
  CHECK(folder->status == 301);
  CHECK(folder->get_header_value("Location") == "/notice/2023/a/");
  auto search = server.get("/search/");
  REQUIRE(search);
  CHECK(search->status == 301);
  CHECK(search->get_header_value("Location") == "/search");
}
