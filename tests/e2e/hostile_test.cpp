// End-to-end: hostile text in documents and lists — formulas kept from running in the CSV
// exports, values refused with the line that holds them.
#include <doctest/doctest.h>

#include "gazette/content.hpp"
#include "temp_site.hpp"

namespace {

const char* kProgram =
    "+++\ntitle = \"Chương trình 1322\"\nkind = \"program\"\nissued = 2020-08-31\n"
    "program = \"1322\"\n+++\nVề chương trình.\n";

const char* kFormulaList = R"toml(title = "Danh mục"
kind = "proposal-list"
issuer = "Sở A"
issued = 2025-08-12
program = "1322"
round = 2026
[[tasks]]
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
  TempSite site({{"content/programs/1322.md", kProgram},
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
