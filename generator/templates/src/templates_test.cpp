#include <doctest/doctest.h>

#include "gazette/templates.hpp"

using namespace gazette;
using templates::Value;

namespace {
std::map<std::string, std::string> small_theme() {
  return {
      {"templates/base.mustache", "<title>{{site_title}}: {{title}}</title>\n{{{content}}}\n"},
      {"templates/page.mustache", "<h1>{{title}}</h1>{{> meta}}"},
      {"partials/meta.mustache", "{{#tags}}<b>{{.}}</b>{{/tags}}{{^tags}}none{{/tags}}\n"},
      {"static/css/site.css", "body{}"},
      {"i18n/vi.toml", "open = \"Đang nhận hồ sơ\"\n"},
  };
}
}  // namespace

TEST_CASE("templates: a page renders inside the base layout with site and page values") {
  auto theme = templates::load_theme_files(small_theme(), "t");
  REQUIRE(theme.ok());
  Value site = Value::object();
  site.set("site_title", "Cổng");
  auto r = theme->renderer(site);
  Value page = Value::object();
  page.set("title", "<Thông báo>");
  Value tags = Value::list();
  tags.push("năng suất");
  page.set("tags", tags);
  std::string html = r.render_page("page", page);
  CHECK(html ==
        "<title>Cổng: &lt;Thông báo&gt;</title>\n<h1>&lt;Thông báo&gt;</h1><b>năng suất</b>\n");
}

TEST_CASE("templates: static files and strings are loaded") {
  auto theme = templates::load_theme_files(small_theme(), "t");
  REQUIRE(theme.ok());
  REQUIRE(theme->static_files().size() == 1);
  CHECK(theme->static_files()[0].path == "css/site.css");
  CHECK(theme->strings("vi").at("open") == "Đang nhận hồ sơ");
  CHECK(theme->strings("fr").at("open") == "Đang nhận hồ sơ");  // falls back to vi
}

TEST_CASE("templates: a strings file that is not TOML names its line and column") {
  auto files = small_theme();
  files["i18n/en.toml"] = "open = \"Open\"\nclosed = \"Closed\n";
  auto theme = templates::load_theme_files(files, "themes/x");
  REQUIRE_FALSE(theme.ok());
  CHECK(format_diagnostic(theme.error()) ==
        "themes/x/i18n/en.toml:2:17: error: Error while parsing string: unescaped control "
        "characters other than TAB (U+0009) are explicitly prohibited\n"
        "    closed = \"Closed\n"
        "                    ^\n"
        "hint: the strings file must be valid TOML: key = \"text\"\n");
}

TEST_CASE("templates: an unclosed section names the template's line") {
  auto files = small_theme();
  files["templates/page.mustache"] = "<h1>{{title}}</h1>\n{{#tags}}\n<b>{{.}}</b>\n";
  auto theme = templates::load_theme_files(files, "themes/x");
  REQUIRE_FALSE(theme.ok());
  CHECK(theme.error().file == "themes/x/templates/page.mustache");
  CHECK(theme.error().message.find("template error") == 0);
}

TEST_CASE("templates: an unknown partial is an error with a hint") {
  auto files = small_theme();
  files["templates/page.mustache"] = "line one\n{{> missing}}\n";
  auto theme = templates::load_theme_files(files, "themes/x");
  REQUIRE_FALSE(theme.ok());
  CHECK(theme.error().loc.line == 2);
  CHECK(theme.error().hint == "add partials/missing.mustache to the theme");
}

TEST_CASE("templates: the built-in theme loads and has the pages the site needs") {
  auto theme = templates::load_theme({});
  REQUIRE(theme.ok());
  for (const char* name : {"base", "document", "home", "list", "terms"}) {
    CHECK_MESSAGE(theme->has_template(name), name);
  }
  CHECK(theme->strings("en").count("open_calls") == 1);
}

TEST_CASE("templates: a page's fixed ids are the layout's and its template's outside sections") {
  auto theme = templates::load_theme_files(
      {{"templates/base.mustache",
        "<a href=\"#main\">skip</a><main id=\"main\">{{{content}}}</main>"
        "{{#search}}<form id=\"site-search\"></form>{{/search}}"},
       {"templates/page.mustache",
        "<h2 id=\"files-heading\">x</h2>{{^toc}}<p id=\"no-toc\"></p>{{/toc}}"
        "<div data-id=\"x\" id=\"{{slug}}\"></div><p id=\"end\"></p>"},
       {"templates/other.mustache", "<p id=\"other\"></p>"}},
      "t");
  REQUIRE(theme.ok());
  CHECK(theme->fixed_ids("page") == std::set<std::string>{"end", "files-heading", "main"});
  CHECK(theme->fixed_ids("other") == std::set<std::string>{"main", "other"});
}
