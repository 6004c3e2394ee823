// The gazette binary's words: --help of every command with its real options, and the messages
// of refused commands, asserted by their text.
#include <doctest/doctest.h>

#include "run_gazette.hpp"
#include "temp_site.hpp"

namespace {

struct Help {
  const char* command;
  const char* summary;
  std::vector<const char*> lines;  // each option (or positional) with the start of its text
};

// What each command's --help must offer: every option a user can pass.
const std::vector<Help>& helps() {
  static const std::vector<Help> kAll = {
      {"build",
       "Build the site into its output directory",
       {"-j,--jobs UINT              Threads to use", "--next-change               Print when",
        "-q,--quiet                  Print only problems",
        "--timings                   Print how long each stage took",
        "--no-search                 Leave the search index as it is",
        "--drafts                    Publish drafts (draft = true) too",
        "--clean                     Make every file again"}},
      {"check",
       "Check every document; report all problems",
       {"--fix                       Repair in place what can be repaired safely: ƣ→ư, a BOM, "
        "NFC"}},
      {"new",
       "Create a new document from a scaffold",
       {"Usage: gazette new [OPTIONS] kind title",
        "kind TEXT REQUIRED          notice, guidance, program, page or proposal-list",
        "title TEXT REQUIRED         The document's title",
        "--csv                       A proposal-list's tasks in a CSV beside it"}},
      {"serve",
       "Serve the built site with search",
       {"--host TEXT                 Address to listen on", "--port INT                  Port",
        "--build                     Build the site first",
        "--watch                     Build first, then again whenever a file of the site",
        "--drafts                    Builds made by --build or --watch publish drafts",
        "--cache UINT=2000           Search answers kept for repeated queries"}},
      {"search",
       "Search the built site's index from a terminal",
       {"Usage: gazette search [OPTIONS] [query]", "query TEXT                  Words",
        "--kind TEXT ...", "--program TEXT ...", "--round INT ...", "--province TEXT ...",
        "--issuer TEXT ...", "--open                      Only calls open now",
        "--closed                    Only calls that have closed",
        "--sort TEXT:{relevance,newest,deadline}", "--page INT:INT in [1 - 10000]",
        "--limit INT:INT in [1 - 100]", "--json                      Print the results as JSON"}},
      {"publish",
       "Build from committed content and commit the site to the publish branch",
       {"-m,--message TEXT           The published commit's message"}},
      {"verify",
       "Check a copy of the site (what a web server serves) against a published commit",
       {"Usage: gazette verify [OPTIONS] dir",
        "dir TEXT REQUIRED           The copy of the site to check",
        "--commit TEXT               The published commit (default: the tip of the publish "
        "branch)"}},
  };
  return kAll;
}

// The binary's help names it by the path it was run with; the tests compare "gazette".
std::string as_gazette(std::string text) {
  std::string path = GAZETTE_BINARY;
  for (std::size_t at = text.find(path); at != std::string::npos; at = text.find(path, at)) {
    text.replace(at, path.size(), "gazette");
  }
  return text;
}

}  // namespace

TEST_CASE("cli: --help of every command lists its own options and the common ones") {
  REQUIRE(helps().size() == 7);
  for (const Help& h : helps()) {
    CAPTURE(h.command);
    Run run = run_gazette(std::string(h.command) + " --help");
    std::string text = as_gazette(run.output);
    CHECK(run.exit_code == 0);
    CHECK(text.rfind(std::string(h.summary) + "\nUsage: gazette " + h.command + " [OPTIONS]", 0) ==
          0);
    CHECK(contains(text, "-h,--help                   Print this help message and exit"));
    CHECK(contains(text, "--site TEXT=.               The site's directory (where site.toml is)"));
    CHECK(contains(text, "--now TEXT                  Build as if it were this moment"));
    REQUIRE_FALSE(h.lines.empty());
    for (const char* line : h.lines) CHECK_MESSAGE(contains(text, line), line);
  }
}

TEST_CASE("cli: gazette --help lists every command with what it does") {
  Run run = run_gazette("--help");
  CHECK(run.exit_code == 0);
  std::string text = as_gazette(run.output);
  CHECK(contains(text, "gazette: builds a searchable, archived website of public notices"));
  CHECK(contains(text, "Usage: gazette [OPTIONS] SUBCOMMAND"));
  for (const Help& h : helps()) {
    std::string line =
        std::string(h.command) + std::string(28 - std::string(h.command).size(), ' ') + h.summary;
    CHECK_MESSAGE(contains(text, "  " + line + "\n"), line);
  }
  Run version = run_gazette("--version");
  CHECK(version.exit_code == 0);
  CHECK(version.output == "gazette 0.1.0\n");
}

TEST_CASE("cli: a command line gazette cannot read is refused with what to do") {
  Run none = run_gazette("");
  CHECK(none.exit_code == 2);
  CHECK(none.output == "A subcommand is required\nRun with --help for more information.\n");
  Run unknown = run_gazette("build --bogus");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.output ==
        "The following argument was not expected: --bogus\nRun with --help for more "
        "information.\n");
  Run sort = run_gazette("search x --sort random");
  CHECK(sort.exit_code == 2);
  CHECK(contains(sort.output, "--sort: random not in {relevance,newest,deadline}"));
  Run missing = run_gazette("new notice");
  CHECK(missing.exit_code == 2);
  CHECK(contains(missing.output, "title is required"));
}

TEST_CASE("cli: a bad --now is refused by every command that reads the clock") {
  TempSite site({{"content/notices/a.md", notice("A")}});
  for (const char* command : {"build", "check", "search x", "new notice \"B\"", "publish"}) {
    Run run = run_gazette(std::string(command) + " --now yesterday", site.path());
    CHECK_MESSAGE(run.exit_code == 2, command);
    CHECK_MESSAGE(run.output ==
                      "error: --now yesterday is not a date and time like "
                      "2023-04-20T09:00:00+07:00\n",
                  command, ": ", run.output);
  }
  CHECK_FALSE(site.exists("public"));
  CHECK_FALSE(site.exists("content/notices/2023/b.md"));
}

TEST_CASE("cli: new refuses a title with nothing to make an address from") {
  TempSite site;
  Run run = run_gazette("new notice \"!!! ???\"", site.path());
  CHECK(run.exit_code == 1);
  CHECK(run.output == "error: the title has no letters or digits to make an address from\n");
  CHECK_FALSE(site.exists("content/notices"));
}

TEST_CASE("cli: search before a build, and a query it cannot search, say why") {
  TempSite site({{"content/notices/a.md", notice("Năng suất")}});
  Run early = run_gazette("search nang", site.path());
  CHECK(early.exit_code == 1);
  CHECK(contains(early.output, ".gazette/search/live: error: there is no search index yet\n"));
  CHECK(contains(early.output, "hint: run gazette build first\n"));
  REQUIRE(site.build().report.ok);
  Run broken = run_gazette("search \"$(printf 'nang \\303')\"", site.path());
  CHECK(broken.exit_code == 1);
  CHECK(broken.output == "error: the query is not valid UTF-8 text\n");
  Run longer = run_gazette("search " + std::string(1001, 'a'), site.path());
  CHECK(longer.exit_code == 1);
  CHECK(contains(longer.output, "error: the query is too long"));
  Run found = run_gazette("search 'nang suat'", site.path());
  CHECK(found.exit_code == 0);
  CHECK(contains(found.output, "1 result\n\n1. Năng suất\n   notice · 2023-04-12\n"));
  Run nothing = run_gazette("search 'khong co gi'", site.path());
  CHECK(nothing.exit_code == 0);
  CHECK(contains(nothing.output, "0 results\n"));
}

TEST_CASE("cli: check ends with a count of what it found") {
  TempSite clean({{"content/notices/a.md", notice("A")}, {"content/notices/b.md", notice("B")}});
  Run ok = run_gazette("check", clean.path());
  CHECK(ok.exit_code == 0);
  CHECK(contains(ok.output, "\n2 documents checked: 0 errors, 1 warning\n"));  // not in git
  TempSite broken({{"content/notices/a.md", notice("A")},
                   {"content/notices/b.md", "+++\ntitle = \"B\"\nkind = \"memo\"\n+++\n"}});
  Run bad = run_gazette("check", broken.path());
  CHECK(bad.exit_code == 1);
  CHECK(contains(bad.output,
                 "content/notices/b.md:3:8: error: unknown kind `memo`\n    kind = \"memo\"\n"
                 "           ^\nhint: kind is one of notice, guidance, proposal-list, program, "
                 "page\n"));
  CHECK(contains(bad.output, "error: the document has no `issued` date"));
  CHECK(contains(bad.output,
                 "\n2 documents checked: 1 without errors, 1 with errors; 2 errors, "
                 "1 warning\n"));
}

TEST_CASE("cli: build and check count every document, the failed ones included") {
  const std::string numbered = "number = \"1/TB\"\nissuer = \"Sở KH&CN\"\n";
  TempSite site({
      {"content/programs/1322.md", kProgram1322},
      {"content/notices/a.md", notice("A")},
      {"content/notices/b.md", "+++\ntitle = \"B\"\nkind = \"memo\"\n+++\n"},  // fails to load
      {"content/notices/c.md", "+++\ntitle = \"C\n+++\n"},                     // not TOML
      {"content/notices/d.md", notice("D", numbered)},
      {"content/notices/e.md", notice("E", numbered)},  // loads, then its number is taken
      // One document in two files: its tasks' CSV has the error.
      {"content/proposals/2025/l.toml", proposal_list_toml("L", "Sở KH&CN")},
      {"content/proposals/2025/l.csv",
       "Stt;Tên nhiệm vụ;Tổ chức chủ trì;Tổ chức phối hợp;Mục tiêu;Nội dung chính;Dự kiến kết "
       "quả;Thời gian thực hiện;Tổng số;NSNN;Đối ứng;Ghi chú\n"
       "1;Nhiệm vụ;Viện A;;Mục tiêu;Nội dung;Kết quả;12 tháng;100;50;10;\n"},
  });
  Run check = run_gazette("check", site.path());
  CHECK(check.exit_code == 1);
  CHECK_MESSAGE(contains(check.output, "content/proposals/2025/l.csv:2:"), check.output);
  CHECK(contains(check.output,
                 "\n7 documents checked: 3 without errors, 4 with errors; 5 errors, 1 warning\n"));
  Run build = run_gazette("build", site.path());
  CHECK(build.exit_code == 1);
  CHECK(contains(build.output,
                 "\nBuild failed with 5 errors; 7 documents: 3 without errors, 4 "
                 "with errors; the previous site in public is untouched.\n"));
  site.write("content/notices/b.md", notice("B"));
  site.write("content/notices/c.md", notice("C"));
  site.write("content/notices/e.md", notice("E"));
  std::string csv = site.read("content/proposals/2025/l.csv");
  site.write("content/proposals/2025/l.csv",
             csv.replace(csv.find(";100;50;10;"), 11, ";60;50;10;"));
  Run fixed = run_gazette("build", site.path());
  CHECK_MESSAGE(fixed.exit_code == 0, fixed.output);
  CHECK(contains(fixed.output, "Built 7 documents into "));
}

TEST_CASE("cli: verify and publish outside git say there is nothing published") {
  TempSite site({{"content/notices/a.md", notice("A")}});
  Run verify = run_gazette("verify public", site.path());
  CHECK(verify.exit_code == 1);
  CHECK(verify.output == "error: the site is not in a git repository: nothing was published\n");
  Run publish = run_gazette("publish", site.path());
  CHECK(publish.exit_code == 1);
  CHECK(contains(publish.output,
                 "content: error: content/ is not in a git repository: there is nothing to "
                 "publish from\nhint: git init, commit the content, then publish\n"));
}
