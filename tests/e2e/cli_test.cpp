// The gazette binary as a user runs it: exit codes, messages, files it writes.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>

#include "run_gazette.hpp"
#include "temp_site.hpp"

TEST_CASE("cli: build works in the site's directory and with --site, and ends with a summary") {
  TempSite site({{"content/notices/a.md", notice("A")}});
  Run here = run_gazette("build", site.path());
  CHECK(here.exit_code == 0);
  CHECK(contains(here.output, "Built 1 documents into"));
  CHECK(contains(here.output, " s → public"));
  CHECK_FALSE(contains(here.output, "["));  // no progress bar when not on a terminal
  Run there = run_gazette("build --site '" + site.path().string() + "'");
  CHECK(there.exit_code == 0);
  CHECK(site.exists("public/notice/2023/a/index.html"));
}

TEST_CASE("cli: outside a site, gazette says to use --site") {
  TempDir empty;
  Run run = run_gazette("build", empty.path());
  CHECK(run.exit_code == 1);
  CHECK(contains(run.output, "no site.toml here"));
  CHECK(contains(run.output, "--site"));
}

TEST_CASE("cli: check reports every error with file:line and exits 1") {
  TempSite site({
      {"content/notices/a.md", "+++\ntitle = \"A\"\nissued = \"12/4/2023\"\n+++\n"},
      {"content/notices/b.md", "+++\ntitle = \"B\"\nissued = 2023-04-12\nprogram = \"999\"\n+++\n"},
  });
  Run run = run_gazette("check", site.path());
  CHECK(run.exit_code == 1);
  CHECK(
      contains(run.output, "content/notices/a.md:3:10: error: `issued` must be a date, not text"));
  CHECK(contains(run.output, "hint: write the date without quotes: issued = 2023-04-12"));
  CHECK(contains(run.output, "content/notices/b.md:4:1: error: unknown programme `999`"));
  CHECK(contains(run.output, "2 errors"));
  CHECK_FALSE(site.exists("public"));  // check writes nothing
}

TEST_CASE("cli: check --fix repairs ƣ in place, atomically, only when asked") {
  TempSite site({{"content/notices/a.md", notice("A", "", "Chƣơng trình\n\nCHƢƠNG\n")}});
  Run check = run_gazette("check", site.path());
  CHECK(check.exit_code == 0);  // warnings only
  CHECK(contains(check.output, "content/notices/a.md:6:3: warning: `ƣ`"));
  CHECK(contains(check.output, "content/notices/a.md:8:3: warning: `ƣ`"));
  CHECK(contains(site.read("content/notices/a.md"), "Chƣơng"));
  Run fix = run_gazette("check --fix", site.path());
  CHECK(fix.exit_code == 0);
  CHECK(contains(fix.output, "fixed content/notices/a.md: 2 × ƣ→ư"));
  CHECK(site.read("content/notices/a.md") == notice("A", "", "Chương trình\n\nCHƯƠNG\n"));
  CHECK_FALSE(contains(run_gazette("check", site.path()).output, "`ƣ`"));
}

TEST_CASE("cli: new makes a scaffold with today's date and an ASCII slug") {
  TempSite site;
  Run run = run_gazette("new notice \"Thông báo tuyển chọn\" --now 2026-11-25T10:00:00+07:00",
                        site.path());
  CHECK(run.exit_code == 0);
  CHECK(contains(run.output, "content/notices/2026/thong-bao-tuyen-chon.md"));
  std::string text = site.read("content/notices/2026/thong-bao-tuyen-chon.md");
  CHECK(contains(text, "title    = \"Thông báo tuyển chọn\""));
  CHECK(contains(text, "issued   = 2026-11-25"));
  // Its empty values are refused until filled in; filled, it builds into its page.
  Run unfilled = run_gazette("build --now 2026-11-25T10:00:00+07:00", site.path());
  CHECK(unfilled.exit_code == 1);
  CHECK(contains(unfilled.output,
                 "content/notices/2026/thong-bao-tuyen-chon.md:5:12: error: `issuer` is empty\n"
                 "    issuer   = \"\"            # e.g. \"Sở Khoa học và Công nghệ tỉnh Điện "
                 "Biên\"\n               ^\nhint: fill it in, or delete the line if the document "
                 "has none\n"));
  CHECK_FALSE(site.exists("public/notice/2026/thong-bao-tuyen-chon/index.html"));
  std::string filled = text;
  for (auto [key, value] : {std::pair{"number   = ", "\"12/TB-SKHCN\""},
                            {"issuer   = ", "\"Sở Khoa học và Công nghệ tỉnh Điện Biên\""},
                            {"province = ", "\"Điện Biên\""}}) {
    filled.replace(filled.find(key) + 11, 2, value);
  }
  site.write("content/notices/2026/thong-bao-tuyen-chon.md", filled);
  Run build = run_gazette("build --now 2026-11-25T10:00:00+07:00", site.path());
  CHECK_MESSAGE(build.exit_code == 0, build.output);
  CHECK(contains(site.page("notice/2026/thong-bao-tuyen-chon/index.html"),
                 "<h1><bdi>Thông báo tuyển chọn</bdi></h1>"));
  // A second one of the same title and year would overwrite it: refused, and the file kept.
  site.write("content/notices/2026/thong-bao-tuyen-chon.md", "edited");
  Run again = run_gazette("new notice \"Thông báo tuyển chọn\" --now 2026-12-01T10:00:00+07:00",
                          site.path());
  CHECK(again.exit_code == 1);
  CHECK(again.output ==
        "error: content/notices/2026/thong-bao-tuyen-chon.md already exists\n"
        "hint: choose another title, or edit that file\n");
  CHECK(site.read("content/notices/2026/thong-bao-tuyen-chon.md") == "edited");
  Run list = run_gazette("new proposal-list \"Danh mục 2027\" --now 2026-11-25T10:00:00+07:00",
                         site.path());
  CHECK(list.exit_code == 0);
  CHECK(site.exists("content/proposals/2026/danh-muc-2027.toml"));
  Run memo = run_gazette("new memo \"X\"", site.path());
  CHECK(memo.exit_code == 1);
  CHECK(memo.output ==
        "error: cannot make a new `memo`\nhint: choose notice, guidance, program, page or "
        "proposal-list\n");
}

TEST_CASE("cli: build --next-change prints when the next call changes state") {
  TempSite site({{"content/notices/a.md", notice("A", "deadline = 2023-04-25T17:00:00+07:00\n")}});
  Run run = run_gazette("build --next-change --now 2023-04-10T00:00:00+07:00", site.path());
  CHECK(run.exit_code == 0);
  CHECK(contains(run.output, "2023-04-18T17:00:00+07:00"));  // 7 days before: closing soon
}
