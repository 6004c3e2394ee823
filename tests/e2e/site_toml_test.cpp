// The messages of a site.toml gazette cannot use, from the real binary: every problem in one
// run, and the key meant for a misspelt one or one written as Hugo or Zola name it.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "run_gazette.hpp"
#include "temp_site.hpp"

namespace {

const char* const kTopKeys =
    "(known keys: title, description, base_url, language, languages, timezone, publisher, "
    "theme, closing_soon_days, build, markdown, search, serve, history, archive, redirects)";

// The message gazette prints for unknown key `key` written at the start of line `line`.
std::string unknown_key(int line, const std::string& key, const std::string& written,
                        const std::string& where, const std::string& hint) {
  return "site.toml:" + std::to_string(line) + ":1: error: unknown key `" + key + "` in " + where +
         "\n    " + written + "\n    ^\nhint: " + hint + "\n";
}

}  // namespace

TEST_CASE("site.toml: every problem is reported in one run, each at its line with a hint") {
  TempSite site({{"site.toml",
                  "titel = \"Cổng thông báo\"\n"
                  "closing_soon_days = \"7\"\n"
                  "language = \"fr\"\n"
                  "[build]\n"
                  "list_page_size = 50\n"
                  "[[archive]]\n"
                  "program = \"1322\"\n"},
                 {"content/notices/a.md", notice("A")}});
  const std::string expected =
      unknown_key(1, "titel", "titel = \"Cổng thông báo\"", "site.toml",
                  std::string("did you mean `title`? ") + kTopKeys) +
      "site.toml:2:21: error: `closing_soon_days` must be a whole number from 0 to 999999, not "
      "text\n"
      "    closing_soon_days = \"7\"\n"
      "                        ^\n"
      "hint: for example: closing_soon_days = 7\n"
      "site.toml:3:12: error: `language` must be \"vi\" or \"en\"\n"
      "    language = \"fr\"\n"
      "               ^\n"
      "hint: language = \"vi\" (Vietnamese) or language = \"en\" (English)\n"
      "site.toml:6:1: error: an [[archive]] entry needs `program` and `round`\n"
      "    [[archive]]\n"
      "    ^\n"
      "hint: for example: program = \"1322\" and round = 2024\n";
  // Every command that reads site.toml says all of it, and does nothing else.
  for (const char* command : {"build", "check", "publish", "search x", "new notice Mới"}) {
    CAPTURE(command);
    Run run = gazette_in(site.path(), command);
    CHECK(run.exit_code == 1);
    CHECK(run.output == expected);
  }
  CHECK_FALSE(site.exists("public"));
}

TEST_CASE("site.toml: a misspelt key suggests the key meant") {
  TempSite site({{"site.toml", std::string("titel = \"Cổng\"\n[serve]\nprot = 8000\n")}});
  Run run = gazette_in(site.path(), "build");
  CHECK(run.exit_code == 1);
  CHECK(run.output == unknown_key(1, "titel", "titel = \"Cổng\"", "site.toml",
                                  std::string("did you mean `title`? ") + kTopKeys) +
                          unknown_key(3, "prot", "prot = 8000", "[serve] of site.toml",
                                      "did you mean `port`? (known keys in [serve]: host, port)"));
}

TEST_CASE("site.toml: Hugo's and Zola's keys name gazette's, in the table it belongs to") {
  struct Case {
    const char* written;  // the line as another tool's user writes it
    const char* key;
    const char* meant;  // what the hint offers
  };
  const std::vector<Case> cases = {
      {"baseURL = \"https://thongbao.example.gov.vn/\"", "baseURL", "`base_url`"},
      {"languageCode = \"vi\"", "languageCode", "`language`"},
      {"defaultContentLanguage = \"vi\"", "defaultContentLanguage", "`language`"},
      {"default_language = \"vi\"", "default_language", "`language`"},
      {"timeZone = \"Asia/Ho_Chi_Minh\"", "timeZone", "`timezone`"},
      {"Title = \"Cổng\"", "Title", "`title`"},
      {"publishDir = \"public\"", "publishDir", "`output` in [build]"},
      {"output_dir = \"public\"", "output_dir", "`output` in [build]"},
      {"contentDir = \"content\"", "contentDir", "`content` in [build]"},
      {"paginate = 20", "paginate", "`list_page_size` in [build]"},
      {"feed_limit = 20", "feed_limit", "`feed_entries` in [build]"},
      {"author = \"Sở KH&CN\"", "author", "`publisher`"},
      {"enableGitInfo = true", "enableGitInfo", "`enabled` in [history]"},
      {"port = 8000", "port", "`port` in [serve]"},
  };
  std::string toml;
  for (const Case& c : cases) toml += std::string(c.written) + "\n";
  TempSite site({{"site.toml", toml}});
  Run run = gazette_in(site.path(), "check");
  CHECK(run.exit_code == 1);
  std::string expected;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    expected += unknown_key(static_cast<int>(i) + 1, cases[i].key, cases[i].written, "site.toml",
                            std::string("did you mean ") + cases[i].meant + "? " + kTopKeys);
  }
  CHECK(run.output == expected);
}

TEST_CASE("site.toml: inside a table, a key of another table or Hugo's name is the one meant") {
  TempSite site(
      {{"site.toml",
        std::string("[build]\nbase_url = \"https://thongbao.example.gov.vn/\"\npublishDir = "
                    "\"out\"\n[markdown]\nunsafe = true\n[search]\nper_page = 20\n"
                    "compile_sass = true\n")}});
  Run run = gazette_in(site.path(), "check");
  CHECK(run.exit_code == 1);
  const std::string build_keys =
      "(known keys in [build]: content, output, files, list_page_size, feed_entries)";
  CHECK(run.output ==
        unknown_key(
            2, "base_url", "base_url = \"https://thongbao.example.gov.vn/\"",
            "[build] of site.toml",
            "did you mean `base_url` at the top of site.toml (before any [table])? " + build_keys) +
            unknown_key(3, "publishDir", "publishDir = \"out\"", "[build] of site.toml",
                        "did you mean `output`? " + build_keys) +
            unknown_key(5, "unsafe", "unsafe = true", "[markdown] of site.toml",
                        "did you mean `allow_html`? (known keys in [markdown]: allow_html, "
                        "smart_punctuation)") +
            unknown_key(7, "per_page", "per_page = 20", "[search] of site.toml",
                        "did you mean `page_size`? (known keys in [search]: index, shards, "
                        "page_size)") +
            // Nothing like it: no guess, the keys there are.
            unknown_key(8, "compile_sass", "compile_sass = true", "[search] of site.toml",
                        "(known keys in [search]: index, shards, page_size)"));
}

TEST_CASE("site.toml: a table written as a value, and a redirect without its target") {
  TempSite site(
      {{"site.toml", std::string("build = \"public\"\n[[redirects]]\nfrom = \"/cu/\"\n")}});
  Run run = gazette_in(site.path(), "build");
  CHECK(run.exit_code == 1);
  CHECK(run.output ==
        "site.toml:1:9: error: `build` must be a table, not text\n"
        "    build = \"public\"\n"
        "            ^\n"
        "hint: write the table's keys under a line [build]\n"
        "site.toml:2:1: error: a [[redirects]] entry needs `from` and `to`\n"
        "    [[redirects]]\n"
        "    ^\n"
        "hint: for example: from = \"/notice/2023/cu/\" and to = \"/notice/2023/moi/\"\n");
}

TEST_CASE("site.toml: past 20 problems, the rest are counted after them") {
  std::string toml;
  for (int i = 1; i <= 25; ++i) toml += "k" + std::to_string(i) + " = 1\n";
  TempSite site({{"site.toml", toml}});
  Run run = gazette_in(site.path(), "check");
  CHECK(run.exit_code == 1);
  std::size_t shown = 0;
  for (std::size_t at = run.output.find("error: unknown key"); at != std::string::npos;
       at = run.output.find("error: unknown key", at + 1)) {
    ++shown;
  }
  CHECK(shown == 20);
  CHECK(run.output.rfind("site.toml:1:1: error: unknown key `k1` in site.toml\n", 0) == 0);
  CHECK(
      run.output.ends_with("site.toml:20:1: error: unknown key `k20` in site.toml\n"
                           "    k20 = 1\n    ^\nhint: " +
                           std::string(kTopKeys) +
                           "\nsite.toml: note: … and 5 more in this file\n"
                           "hint: fix those shown and run the check again to see the rest\n"));
}
