// Drafts: `draft = true` keeps a document out of everything the site publishes, until it is
// published; `gazette build --drafts` previews it, `gazette check` checks it all the same.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "run_gazette.hpp"
#include "temp_site.hpp"

namespace {

const std::string kClock = std::string("--now ") + kTestClock;

// A site with one published notice and one draft, each with a word of its own.
TempSite site_with_draft(const std::string& draft_extra = "draft = true\n") {
  return TempSite({
      {"content/notices/2023/a.md",
       notice("Thông báo công khai", "number = \"12/TB-SKHCN\"\n", "Nội dung congkhai.\n")},
      {"content/notices/2023/b.md",
       notice("Bản nháp tuyển chọn", "number = \"99/TB-SKHCN\"\n" + draft_extra,
              "Nội dung bannhapbimat.\n")},
  });
}

// Every file of the built site that names `text`, relative to public/.
std::vector<std::string> files_naming(const TempSite& site, const std::string& text) {
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(site.path() / "public")) {
    if (!entry.is_regular_file()) continue;
    std::string relative = entry.path().lexically_relative(site.path() / "public").string();
    if (contains(site.page(relative), text)) found.push_back(relative);
  }
  return found;
}

}  // namespace

TEST_CASE("drafts: a draft is on no page, list, feed, export or sitemap, nor in the index") {
  TempSite site = site_with_draft();
  Run build = gazette_in(site.path(), "build " + kClock);
  REQUIRE(build.exit_code == 0);
  CHECK(contains(build.output, "Built 1 documents into"));
  CHECK(contains(build.output, "\n1 draft left out (gazette build --drafts shows them)\n"));
  CHECK(site.exists("public/notice/2023/a/index.html"));
  CHECK_FALSE(site.exists("public/notice/2023/b"));
  // Its title, text, number and address are nowhere: home, lists, feeds, calendars, the
  // sitemap, the JSON and CSV exports.
  for (const char* trace : {"Bản nháp", "bannhapbimat", "99/TB-SKHCN", "/notice/2023/b/"}) {
    CHECK_MESSAGE(files_naming(site, trace).empty(), trace);
  }
  CHECK(contains(site.page("sitemap.xml"), "/notice/2023/a/"));
  CHECK(contains(site.page("data/documents.json"), "12/TB-SKHCN"));
  Run hidden = gazette_in(site.path(), "search bannhapbimat " + kClock);
  CHECK(hidden.exit_code == 0);
  CHECK(contains(hidden.output, "0 results\n"));
  Run shown = gazette_in(site.path(), "search congkhai " + kClock);
  CHECK(contains(shown.output, "1 result\n"));
}

TEST_CASE("drafts: build --drafts publishes them, to preview") {
  TempSite site = site_with_draft();
  Run build = gazette_in(site.path(), "build --drafts " + kClock);
  REQUIRE(build.exit_code == 0);
  CHECK(contains(build.output, "Built 2 documents into"));
  CHECK_FALSE(contains(build.output, "left out"));
  CHECK(contains(site.page("notice/2023/b/index.html"), "bannhapbimat"));
  CHECK(contains(site.page("sitemap.xml"), "/notice/2023/b/"));
  CHECK(contains(site.page("data/documents.json"), "99/TB-SKHCN"));
  Run found = gazette_in(site.path(), "search bannhapbimat " + kClock);
  CHECK(contains(found.output, "1 result\n"));
  // The next build without the flag takes it out again.
  REQUIRE(gazette_in(site.path(), "build " + kClock).exit_code == 0);
  CHECK_FALSE(site.exists("public/notice/2023/b"));
  CHECK(contains(gazette_in(site.path(), "search bannhapbimat " + kClock).output, "0 results\n"));
}

TEST_CASE("drafts: draft = false, or no draft key, publishes the document") {
  TempSite site = site_with_draft("draft = false\n");
  REQUIRE(gazette_in(site.path(), "build " + kClock).exit_code == 0);
  CHECK(site.exists("public/notice/2023/b/index.html"));
}

TEST_CASE("drafts: a draft value that is not true or false is an error at its line") {
  TempSite quoted = site_with_draft("draft = \"yes\"\n");
  Run run = gazette_in(quoted.path(), "check " + kClock);
  CHECK(run.exit_code == 1);
  CHECK(contains(run.output,
                 "content/notices/2023/b.md:6:9: error: `draft` must be true or false, not text\n"
                 "    draft = \"yes\"\n"
                 "            ^\n"
                 "hint: write true or false without quotes: draft = true, or delete the line\n"));
  TempSite number = site_with_draft("draft = 1\n");
  Run build = gazette_in(number.path(), "build " + kClock);
  CHECK(build.exit_code == 1);
  CHECK(contains(build.output,
                 "content/notices/2023/b.md:6:9: error: `draft` must be true or false, not a "
                 "number\n"));
  CHECK_FALSE(number.exists("public"));
}

TEST_CASE("drafts: check checks a draft's content, and counts it") {
  TempSite site = site_with_draft("draft = true\ndeadline = \"25/4/2023\"\n");
  Run run = gazette_in(site.path(), "check " + kClock);
  CHECK(run.exit_code == 1);
  CHECK(contains(run.output,
                 "content/notices/2023/b.md:7:12: error: `deadline` must be a date and time, "
                 "not text\n"));
  // Checks across documents too: a draft naming a programme the site does not have.
  TempSite unknown = site_with_draft("draft = true\nprogram = \"999\"\n");
  Run across = gazette_in(unknown.path(), "check " + kClock);
  CHECK(across.exit_code == 1);
  CHECK(contains(across.output, "content/notices/2023/b.md:7:1: error: unknown programme `999`\n"));
  TempSite fine = site_with_draft();
  Run ok = gazette_in(fine.path(), "check " + kClock);
  CHECK(ok.exit_code == 0);
  CHECK(contains(ok.output, "\n2 documents checked: 0 errors,"));
}

TEST_CASE("drafts: a published document naming a draft is warned at that line, not linked") {
  TempSite site({
      {"content/notices/2023/a.md",
       notice("Thông báo công khai", "references = [\"99/TB-SKHCN\"]\namends = \"b\"\n")},
      {"content/notices/2023/b.md", notice("Bản nháp", "number = \"99/TB-SKHCN\"\ndraft = true\n")},
  });
  Run run = gazette_in(site.path(), "build " + kClock);
  CHECK(run.exit_code == 0);
  CHECK(contains(run.output,
                 "content/notices/2023/a.md:5:1: warning: `references` names `99/TB-SKHCN`, a "
                 "draft (content/notices/2023/b.md): it is shown without a link\n"
                 "    references = [\"99/TB-SKHCN\"]\n"
                 "    ^\n"
                 "hint: publish it (delete its `draft = true`), or leave this as it is until "
                 "then; gazette build --drafts shows drafts\n"));
  CHECK(contains(run.output,
                 "content/notices/2023/a.md:6:1: warning: `amends` names `b`, a draft "
                 "(content/notices/2023/b.md)"));
  std::string page = site.page("notice/2023/a/index.html");
  CHECK(contains(page, "99/TB-SKHCN"));
  CHECK_FALSE(contains(page, "/notice/2023/b/"));
  // Previewed with its drafts, the site links them.
  REQUIRE(gazette_in(site.path(), "build --drafts " + kClock).exit_code == 0);
  CHECK(contains(site.page("notice/2023/a/index.html"), "/notice/2023/b/"));
}
