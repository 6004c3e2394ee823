// End-to-end: hostile text in documents and lists — formulas kept from running in the CSV
// exports, values refused with the line that holds them.
#include <doctest/doctest.h>

#include <cstdlib>

#include "gazette/content.hpp"
#include "run_gazette.hpp"
#include "temp_site.hpp"

namespace {

const std::string kFormulaList = proposal_list_toml("Danh mục", "Sở A") + R"toml([[tasks]]
stt = 1
name = '=HYPERLINK("http://x","Bấm")'
lead = "+cmd|' /C calc'!A0"
partners = ["-2+3"]
content = "=1"
duration = "-"
total = 8
state = 8
counterpart = 0
notes = "@SUM(1+1)"
)toml";

// The lines of a CSV export after its BOM.
std::vector<std::string> csv_lines(const std::string& csv) {
  std::vector<std::string> lines;
  std::string_view rest(csv);
  if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);
  while (!rest.empty()) {
    std::size_t end = rest.find("\r\n");
    lines.emplace_back(rest.substr(0, end));
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 2);
  }
  return lines;
}

}  // namespace

TEST_CASE("e2e hostile: formulas in documents and tasks do not run from the CSV exports") {
  TempSite site({{"content/programs/1322.md", kProgram1322},
                 {"content/notices/a.md",
                  notice("@SUM(1+1)", "number = \"=1+1\"\nissuer = \"+cmd\"\ntags = [\"-x\"]\n")},
                 {"content/proposals/2025/a.toml", kFormulaList}});
  auto built = site.build("2025-09-01T09:00:00+07:00");
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  auto documents = csv_lines(site.page("data/documents.csv"));
  REQUIRE(documents.size() == 4);
  auto notice_row = std::find_if(documents.begin(), documents.end(), [](const std::string& l) {
    return l.starts_with("http://127.0.0.1:8080/notice/");
  });
  REQUIRE(notice_row != documents.end());
  CHECK(*notice_row ==
        "http://127.0.0.1:8080/notice/2023/a/,notice,'@SUM(1+1),'=1+1,'+cmd,,2023-04-12,,,,,,,,,"
        "'-x");
  const std::string row =
      "1,\"'=HYPERLINK(\"\"http://x\"\",\"\"Bấm\"\")\",'+cmd|' /C calc'!A0,'-2+3,,'=1,,-,8,8,"
      "0,'@SUM(1+1)";
  auto tasks = csv_lines(site.page("proposal-list/2025/a/tasks.csv"));
  REQUIRE(tasks.size() == 2);
  CHECK(tasks[1] == row);
  auto summary = csv_lines(site.page("program/1322/2026/proposals/tasks.csv"));
  REQUIRE(summary.size() == 2);
  CHECK(summary[1] == "Sở A," + row);  // the submitter (here the issuer) first
  // gazette reads its own export back as the list it came from.
  TempSite again(
      {{"content/proposals/2025/back.toml", "title = \"B\"\nissued = 2025-09-01\n"},
       {"content/proposals/2025/back.csv", site.page("proposal-list/2025/a/tasks.csv")}});
  auto config = gazette::config::load_site(again.path());
  REQUIRE(config.ok());
  gazette::Diagnostics diags;
  auto docs = gazette::content::load_documents(*config, diags);
  REQUIRE(docs.size() == 1);
  REQUIRE(docs[0].tasks.size() == 1);
  const auto& t = docs[0].tasks[0];
  CHECK(t.name == "=HYPERLINK(\"http://x\",\"Bấm\")");
  CHECK(t.lead == "+cmd|' /C calc'!A0");
  CHECK(t.partners == std::vector<std::string>{"-2+3"});
  CHECK(t.notes == "@SUM(1+1)");
  CHECK(t.duration == "-");
}

namespace {

// The errors of a build, as printed (the warning that the site is not in git left out).
std::string errors(const TempSite::Built& built) {
  std::string all;
  for (const auto& d : built.diags) {
    if (d.severity != gazette::Severity::warning) all += gazette::format_diagnostic(d);
  }
  return all;
}

// The error loading a site with this site.toml, as printed.
std::string config_error(const std::string& site_toml) {
  TempSite site({{"site.toml", site_toml}});
  auto config = gazette::config::load_site(site.path());
  return config ? "" : gazette::format_diagnostic(config.error());
}

}  // namespace

TEST_CASE(
    "e2e hostile: site.toml refuses an unknown time zone, a redirect to script, wrong types") {
  CHECK(config_error("timezone = \"Mars/Olympus\"\n") ==
        "site.toml:1:12: error: unknown time zone `Mars/Olympus`\n"
        "    timezone = \"Mars/Olympus\"\n"
        "               ^\n"
        "hint: use an IANA time zone name: timezone = \"Asia/Ho_Chi_Minh\" (Việt Nam), or "
        "\"UTC\"\n");
  for (const char* to :
       {"javascript:alert(1)", "//evil.example/", "data:text/html,x", "http://", "/a b/"}) {
    CAPTURE(to);
    std::string line = std::string("to = \"") + to + "\"";
    CHECK(config_error("[[redirects]]\nfrom = \"/old/\"\n" + line + "\n") ==
          "site.toml:3:6: error: a redirect's `to` must be a path on this site or an http(s) "
          "address, not `" +
              std::string(to) + "`\n    " + line +
              "\n         ^\nhint: for example to = \"/notice/2023/moi/\" or to = "
              "\"https://thongbao.example.gov.vn/\"\n");
  }
  CHECK(
      config_error("[[redirects]]\nfrom = \"/old/\"\nto = \"https://example.vn/new/\"\n").empty());
  CHECK(config_error("title = 123\n") ==
        "site.toml:1:9: error: `title` must be text in quotes, not a number\n"
        "    title = 123\n"
        "            ^\n"
        "hint: write it in quotes: title = \"123\"\n");
  CHECK(config_error("closing_soon_days = \"7\"\n") ==
        "site.toml:1:21: error: `closing_soon_days` must be a whole number from 0 to 999999, not "
        "text\n    closing_soon_days = \"7\"\n                        ^\n"
        "hint: for example: closing_soon_days = 7\n");
}

TEST_CASE("e2e hostile: front matter refuses wrong types, invisible titles and impossible dates") {
  TempSite site({
      {"content/notices/a.md", notice("A", "signer = \"Nguyễn Văn A\"\n")},
      {"content/notices/b.md",
       "+++\ntitle = 123\nkind = \"notice\"\nissued = 2023-04-12\n+++\nNội dung.\n"},
      {"content/notices/c.md", notice("\u200B\u200B \u2060")},
      {"content/notices/d.md", notice("D",
                                      "opens = 2023-04-26T08:00:00+07:00\n"
                                      "deadline = 2023-04-25T17:00:00+07:00\n")},
      {"content/notices/e.md", notice("E",
                                      "deadline = 2023-04-25T17:00:00+07:00\n"
                                      "extensions = [{ previous = 2023-04-30T17:00:00+07:00, "
                                      "announced = 2023-04-20 }]\n")},
      {"content/notices/f.md", notice("F", "tags = [\"\u200B\"]\n")},
  });
  auto built = site.build();
  CHECK_FALSE(built.report.ok);
  CHECK(errors(built) ==
        "content/notices/a.md:5:10: error: `signer` must be a table with `name` and `title`, not "
        "text\n    signer = \"Nguyễn Văn A\"\n             ^\n"
        "hint: signer = { name = \"Nguyễn Văn A\", title = \"Phó Giám đốc\" }\n"
        "content/notices/b.md:2:9: error: `title` must be text in quotes, not a number\n"
        "    title = 123\n            ^\nhint: write it in quotes: title = \"123\"\n"
        "content/notices/c.md:2:9: error: `title` has no visible characters\n"
        "    title = \"\u200B\u200B \u2060\"\n            ^\n"
        "hint: only spaces or invisible characters (such as U+200B, a zero-width space) are "
        "written: write it in words, or remove the key\n"
        "content/notices/d.md:5:1: error: `opens` (2023-04-26T08:00:00+07:00) is not before the "
        "`deadline` (2023-04-25T17:00:00+07:00)\n    opens = 2023-04-26T08:00:00+07:00\n    ^\n"
        "hint: a call opens before it closes: check the dates of `opens` and `deadline`\n"
        "content/notices/e.md:6:28: error: the extension's `previous` deadline "
        "(2023-04-30T17:00:00+07:00) is not earlier than the `deadline` "
        "(2023-04-25T17:00:00+07:00)\n"
        "    extensions = [{ previous = 2023-04-30T17:00:00+07:00, announced = 2023-04-20 }]\n"
        "                               ^\n"
        "hint: an extension moves the deadline later: `previous` is the deadline it replaced, "
        "`deadline` the new one\n"
        "content/notices/f.md:5:9: error: `tags` has no visible characters\n"
        "    tags = [\"\u200B\"]\n            ^\n"
        "hint: only spaces or invisible characters (such as U+200B, a zero-width space) are "
        "written: write it in words, or remove the key\n");
}

TEST_CASE("e2e hostile: amounts are exact, and one beyond exact range is refused at its cell") {
  std::string meta = proposal_list_toml("L", "Sở A");
  std::string header = "Stt;Tên nhiệm vụ;Tổ chức chủ trì;Tổng số;NSNN;Đối ứng\n";
  TempSite big({{"content/programs/1322.md", kProgram1322},
                {"content/proposals/2025/l.toml", meta},
                {"content/proposals/2025/l.csv",
                 header + "1;A;Viện X;999999999999999999999999999999;0;0\n"}});
  auto built = big.build("2025-09-01T09:00:00+07:00");
  CHECK_FALSE(built.report.ok);
  CHECK(errors(built) ==
        "content/proposals/2025/l.csv:2:14: error: `Tổng số` (column 4) is not an amount: "
        "“999999999999999999999999999999” has more than 15 digits before the decimal separator: "
        "amounts are kept exactly, up to 999 999 999 999 999.999\n"
        "    1;A;Viện X;999999999999999999999999999999;0;0\n"
        "               ^\n"
        "hint: write million VND as 1.500,5 (Vietnamese style) or 1500.5, without the unit\n");
  big.write("content/proposals/2025/l.csv", header + "1;\u200B\u200C;Viện X;1;1;0\n");
  built = big.build("2025-09-01T09:00:00+07:00");
  CHECK(errors(built) ==
        "content/proposals/2025/l.csv:2:1: error: the task on line 2 has no name (Tên nhiệm vụ)\n"
        "    1;\u200B\u200C;Viện X;1;1;0\n    ^\nhint: every task needs its name\n");
  // The largest exact amounts, summed over two lists, and decimals a double would blur.
  TempSite exact({{"content/programs/1322.md", kProgram1322},
                  {"content/proposals/2025/l.toml", meta},
                  {"content/proposals/2025/l.csv",
                   header + "1;A;Viện X;999.999.999.999.999,999;999.999.999.999.999,899;0,1\n"},
                  {"content/proposals/2025/m.toml",
                   meta + "[[tasks]]\nstt = 1\nname = \"B\"\nlead = \"Viện Y\"\n"
                          "total = 0.3\nstate = 0.1\ncounterpart = 0.2\n"}});
  built = exact.build("2025-09-01T09:00:00+07:00");
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  CHECK(contains(exact.page("proposal-list/2025/l/index.html"), ">999.999.999.999.999,999<"));
  CHECK(contains(exact.page("proposal-list/2025/l/tasks.csv"),
                 ",999999999999999.999,999999999999999.899,0.1,"));
  CHECK(contains(exact.page("program/1322/2026/proposals/index.html"),
                 ">1.000.000.000.000.000,299<"));  // the round's grand total, exact
  TempSite toml({{"content/programs/1322.md", kProgram1322},
                 {"content/proposals/2025/m.toml",
                  meta + "[[tasks]]\nstt = 1\nname = \"B\"\nlead = \"Viện Y\"\n"
                         "total = 1e30\nstate = 0.0001\ncounterpart = 0\n"}});
  built = toml.build("2025-09-01T09:00:00+07:00");
  CHECK(errors(built) ==
        "content/proposals/2025/m.toml:11:9: error: `total` (1e30) has more than 15 digits before "
        "the decimal separator: amounts are kept exactly, up to 999 999 999 999 999.999\n"
        "    total = 1e30\n            ^\n"
        "hint: write the amount in the list's unit (million VND), such as total = 1500.5\n"
        "content/proposals/2025/m.toml:12:9: error: `state` (0.0001) has more than 3 decimals: "
        "amounts are kept exactly, to a thousandth\n    state = 0.0001\n            ^\n"
        "hint: write the amount in the list's unit (million VND), such as state = 1500.5\n");
}

TEST_CASE("e2e hostile: bidi controls in names are isolated in pages and dropped from feeds") {
  const std::string evil = "Thông báo \u202Egnp.exe\u202C mới";
  TempSite site(
      {{"content/notices/a.md", notice(evil,
                                       "issuer = \"Sở \u202EA\"\nsigner = { name = \"\u2067Lan\", "
                                       "title = \"Giám đốc\" }\n")}});
  auto built = site.build();
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  std::string page = site.page("notice/2023/a/index.html");
  CHECK(contains(page, "<h1><bdi>" + evil + "</bdi></h1>"));
  CHECK(contains(page, "<title>&#x2068;" + evil + "&#x2069; — Cổng thử</title>"));
  CHECK(contains(page, "<bdi>Sở \u202EA</bdi>"));
  CHECK(contains(page, "<p class=\"signature-name\"><bdi>\u2067Lan</bdi></p>"));
  CHECK(contains(site.page("index.html"), "<bdi>" + evil + "</bdi>"));
  std::string feed = site.page("feed.xml");
  CHECK(contains(feed, "<title>Thông báo gnp.exe mới</title>"));
  CHECK(contains(feed, "<name>Sở A</name>"));
  CHECK_FALSE(contains(feed, "\u202E"));
}

TEST_CASE(
    "e2e hostile: a NUL byte is shown as \\0 with the caret in place, and 10,000 problems "
    "in a file print a few lines") {
  TempSite site({{"content/notices/a.md", std::string("+++\ntitle = \"A\"\nkind = \"notice\"\n"
                                                      "issued = 2023-04-12\nnumber = \"1") +
                                              '\0' + "2\"\n+++\nx\n"}});
  Run check = gazette_in(site.path(), "check");
  CHECK(check.exit_code == 1);
  CHECK(contains(check.output, "content/notices/a.md:5:12: error: "));
  CHECK(contains(check.output, "\n    number = \"1\\02\"\n               ^\nhint: "));
  std::string keys;
  for (int i = 0; i < 10000; ++i) keys += "k" + std::to_string(i) + " = 1\n";
  site.write("content/notices/a.md", notice("A", keys));
  check = gazette_in(site.path(), "check");
  CHECK(check.exit_code == 1);
  CHECK(contains(check.output,
                 "content/notices/a.md:5:1: error: unknown key `k0` in the front "
                 "matter\n"));
  CHECK(contains(check.output, "content/notices/a.md: note: … and 9980 more in this file\n"));
  CHECK(contains(check.output, "10000 errors"));
  CHECK(check.output.size() < 20000);
}
