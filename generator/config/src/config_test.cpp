#include <doctest/doctest.h>

#include <algorithm>

#include "gazette/config.hpp"
#include "keys.hpp"
#include "temp_dir.hpp"

using namespace gazette;

TEST_CASE("config: defaults fill what site.toml leaves out") {
  TempDir dir;
  dir.write("site.toml", "title = \"Cổng thông báo\"\n");
  auto c = config::load_config(dir.path() / "site.toml");
  REQUIRE(c.ok());
  CHECK(c->title == "Cổng thông báo");
  CHECK(c->language == "vi");
  CHECK(c->content_dir == dir.path() / "content");
  CHECK(c->output_dir == dir.path() / "public");
  CHECK(c->base_url == "http://127.0.0.1:8080/");
  CHECK(c->closing_soon_days == 7);
}

TEST_CASE("config: every section is read") {
  TempDir dir;
  dir.write("site.toml", R"(title = "T"
base_url = "https://thongbao.example.gov.vn"
language = "en"
[build]
output = "out"
[markdown]
allow_html = true
[search]
shards = ["tcp://127.0.0.1:7000", "archive/db"]
[[archive]]
program = "1322"
round = 2024
[[redirects]]
from = "/old/"
to = "/new/"
)");
  auto c = config::load_config(dir.path() / "site.toml");
  REQUIRE(c.ok());
  CHECK(c->base_url == "https://thongbao.example.gov.vn/");
  CHECK(c->language == "en");
  CHECK(c->output_dir == dir.path() / "out");
  CHECK(c->markdown.allow_html);
  REQUIRE(c->search.shards.size() == 2);
  CHECK(c->search.shards[0].location == "tcp://127.0.0.1:7000");
  CHECK(c->search.shards[1].location == (dir.path() / "archive/db").string());
  REQUIRE(c->archived_rounds.size() == 1);
  CHECK(c->archived_rounds[0].round == 2024);
  REQUIRE(c->redirects.size() == 1);
}

TEST_CASE("config: an unknown key names its line and suggests the right one") {
  TempDir dir;
  dir.write("site.toml", "title = \"T\"\nlangauge = \"vi\"\n");
  auto c = config::load_config(dir.path() / "site.toml");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().file == "site.toml");
  CHECK(c.error().loc.line == 2);
  CHECK(c.error().message == "unknown key `langauge` in site.toml");
  CHECK(c.error().hint.find("did you mean `language`?") == 0);
}

TEST_CASE("config: invalid TOML names line and column") {
  TempDir dir;
  dir.write("site.toml", "title = \"T\"\nbase_url = \n");
  auto c = config::load_config(dir.path() / "site.toml");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().loc.line == 2);
  CHECK(c.error().loc.column > 0);
}

TEST_CASE("config: the output directory may not be the site or the content") {
  TempDir dir;
  dir.write("site.toml", "[build]\noutput = \"content\"\n");
  auto c = config::load_config(dir.path() / "site.toml");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().loc.line == 2);
}

TEST_CASE("config: a directory without site.toml gets a hint about --site") {
  TempDir dir;
  auto c = config::load_site(dir.path());
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().hint.find("--site") != std::string::npos);
}

TEST_CASE("config: [history] show_commit_subjects is off unless asked, and must be true or false") {
  TempDir dir;
  dir.write("site.toml", "title = \"T\"\n");
  auto c = config::load_config(dir.path() / "site.toml");
  REQUIRE(c.ok());
  CHECK_FALSE(c->history.show_commit_subjects);
  dir.write("site.toml", "title = \"T\"\n[history]\nshow_commit_subjects = true\n");
  c = config::load_config(dir.path() / "site.toml");
  REQUIRE(c.ok());
  CHECK(c->history.show_commit_subjects);
  dir.write("site.toml", "title = \"T\"\n[history]\nshow_commit_subjects = \"yes\"\n");
  c = config::load_config(dir.path() / "site.toml");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().loc.line == 3);
  CHECK(c.error().message == "`show_commit_subjects` must be true or false, not text");
}

TEST_CASE("config: a value of the wrong type is named as the front matter names it") {
  TempDir dir;
  dir.write("site.toml", "title = 2024-05-01\n");
  auto c = config::load_config(dir.path() / "site.toml");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message == "`title` must be text in quotes, not a date");
  CHECK(c.error().loc.line == 1);
}

TEST_CASE("config: another tool's name for a key suggests a key site.toml has, in its table") {
  REQUIRE(config::detail::key_aliases().size() > 30);
  for (const auto& alias : config::detail::key_aliases()) {
    CAPTURE(alias.from);
    const auto& keys = config::detail::site_keys(alias.table);
    CHECK(std::find(keys.begin(), keys.end(), alias.key) != keys.end());
    std::string in(alias.in == "*" ? "" : alias.in);
    std::string hint = config::detail::unknown_key_hint(alias.from, in);
    std::string meant = "did you mean `" + std::string(alias.key) + "`";
    if (alias.table != in) {
      meant +=
          alias.table.empty() ? " at the top of site.toml" : " in [" + std::string(alias.table);
    }
    CHECK(hint.rfind(meant, 0) == 0);
  }
}

TEST_CASE("config: every problem of site.toml is reported, in the order of its lines") {
  TempDir dir;
  dir.write("site.toml",
            "[serve]\nport = \"80\"\n[history]\nenabled = \"yes\"\n[[redirects]]\nfrom = \"x\"\nto "
            "= \"/y/\"\n");
  Diagnostics diags;
  CHECK_FALSE(config::load_config(dir.path() / "site.toml", diags));
  auto all = diags.sorted();
  REQUIRE(all.size() == 3);
  CHECK(all[0].message == "`port` must be a whole number from 0 to 999999, not text");
  CHECK(all[1].message == "`enabled` must be true or false, not text");
  CHECK(all[2].message == "a redirect's `from` must be a path on this site such as \"/old/\"");
  CHECK(all[2].loc.line == 6);
  // The one-problem form gives the first.
  auto first = config::load_config(dir.path() / "site.toml");
  REQUIRE_FALSE(first.ok());
  CHECK(first.error().message == all[0].message);
}
