#include <doctest/doctest.h>

#include "proposals.hpp"
#include "temp_dir.hpp"

using namespace gazette;
using content::Document;
using content::Kind;

namespace {

constexpr const char* kPath = "content/proposals/2025/a.csv";

const char* const kHeader =
    "Stt;Tên nhiệm vụ;Tổ chức chủ trì;Tổ chức phối hợp;Mục tiêu;Nội dung chính;Dự kiến kết "
    "quả;Thời gian thực hiện;Tổng số;NSNN;Đối ứng;Ghi chú\n";

struct Read {
  bool ok = false;
  Document doc;
  std::vector<Diagnostic> diags;
  std::string messages() const {
    std::string all;
    for (const auto& d : diags) all += format_diagnostic(d);
    return all;
  }
};

Read read(std::string_view csv) {
  static TempDir dir;
  auto config = config::default_config(dir.path());
  Diagnostics diags;
  Read r;
  r.doc.kind = Kind::proposal_list;
  r.ok = content::detail::read_csv_tasks(csv, kPath, r.doc, config, diags);
  r.diags = diags.sorted();
  return r;
}

// A row of the form with the given priority, name and amounts.
std::string row(const std::string& stt, const std::string& name, const std::string& total,
                const std::string& state, const std::string& counterpart) {
  return stt + ";" + name + ";Viện X;;Mục tiêu;Nội dung;Kết quả;24 tháng;" + total + ";" + state +
         ";" + counterpart + ";\n";
}

}  // namespace

TEST_CASE("content: a CSV list is read with the form's headers, quotes and Vietnamese amounts") {
  std::string csv = std::string("\xEF\xBB\xBF") + kHeader +
                    "1;\"Áp dụng ISO 9001; ISO 14001\";Sở KH&CN tỉnh X;\"Viện A; Trường B\n"
                    "Công ty C\";\"Dòng một\r\nDòng \"\"hai\"\"\";Nội dung;Kết quả;24 tháng;"
                    "1.500,5;1.000;500,5;Ghi chú\n"
                    "2.;Đào tạo;Trường D;;M;N;K;12 tháng;800;800;-;\n"
                    ";;;;;;;;;;;\n"
                    "Tổng cộng;;;;;;;;2.300,5;1.800;500,5;\n";
  Read r = read(csv);
  REQUIRE_MESSAGE(r.ok, r.messages());
  CHECK(r.diags.empty());
  CHECK(r.doc.tasks_path == kPath);
  REQUIRE(r.doc.tasks.size() == 2);
  const content::Task& t = r.doc.tasks[0];
  CHECK(t.stt == 1);
  CHECK(t.name == "Áp dụng ISO 9001; ISO 14001");
  CHECK(t.lead == "Sở KH&CN tỉnh X");
  CHECK(t.partners == std::vector<std::string>{"Viện A", "Trường B", "Công ty C"});
  CHECK(t.objectives == "Dòng một\nDòng \"hai\"");
  CHECK(format_money(t.total) == "1500.5");
  CHECK(format_money(t.state) == "1000");
  CHECK(format_money(t.counterpart) == "500.5");
  CHECK(t.notes == "Ghi chú");
  CHECK(t.loc.line == 2);
  CHECK(r.doc.tasks[1].stt == 2);
  CHECK(format_money(r.doc.tasks[1].counterpart) == "0");  // "-" is zero
  CHECK(r.doc.tasks[1].loc.line == 5);
}

TEST_CASE("content: a CSV list accepts the appendix's two-row header and its title rows") {
  std::string csv =
      "BẢNG TỔNG HỢP DANH MỤC ĐỀ XUẤT NHIỆM VỤ,,,,,,,,,,\n"
      "Stt,Tên nhiệm vụ (sắp xếp theo thứ tự ưu tiên),\"Tổ chức chủ trì, phối hợp\",Mục "
      "tiêu,Nội dung chính,Dự kiến kết quả/ sản phẩm và yêu cầu đạt được,Thời gian thực "
      "hiện,Dự kiến kinh phí (triệu đồng),,,Ghi chú\n"
      ",,,,,,,Tổng số,NSNN,Đối ứng,\n"
      "(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11)\n"
      "1,Năng suất xanh,\"Chủ trì: Sở KH&CN\nPhối hợp: Viện A; Công ty B\",M,N,K,24 "
      "tháng,2500.5,1500,1000.5,\n";
  Read r = read(csv);
  REQUIRE_MESSAGE(r.ok, r.messages());
  REQUIRE(r.doc.tasks.size() == 1);
  CHECK(r.doc.tasks[0].lead == "Sở KH&CN");
  CHECK(r.doc.tasks[0].partners == std::vector<std::string>{"Viện A", "Công ty B"});
  CHECK(format_money(r.doc.tasks[0].total) == "2500.5");
  CHECK(format_money(r.doc.tasks[0].counterpart) == "1000.5");
}

TEST_CASE("content: a CSV list accepts the English keys and international amounts") {
  Read r = read(
      "stt,name,lead,partners,objectives,content,results,duration,total,state,counterpart,"
      "notes\n1,A,Viện X,,,,,,\"1,500.5\",1000,500.5,\n2,B,Viện Y,,,,,,\"2,000\",\"2,000\",0,\n");
  REQUIRE_MESSAGE(r.ok, r.messages());
  REQUIRE(r.doc.tasks.size() == 2);
  CHECK(format_money(r.doc.tasks[0].total) == "1500.5");
  CHECK(format_money(r.doc.tasks[1].total) ==
        "2000");  // ambiguous alone, international by the file's style
}

TEST_CASE("content: a CSV list that mixes number styles is refused, naming the file's style") {
  Read r = read(std::string(kHeader) + row("1", "A", "1.500,5", "1.000", "500,5") +
                row("2", "B", "1500.5", "1000", "500.5"));
  CHECK_FALSE(r.ok);
  REQUIRE(r.diags.size() == 1);
  CHECK(r.diags[0].file == kPath);
  CHECK(r.diags[0].loc.line == 3);
  CHECK(r.diags[0].loc.column == 60);
  CHECK(r.diags[0].message ==
        "this file writes amounts as 1.500,5 (Vietnamese style: dot for thousands, comma for "
        "decimals), first on line 2, column 9: “1.500,5”; here `Tổng số` (column 9) writes "
        "“1500.5” (international style: comma for thousands, dot for decimals)");
  CHECK(r.diags[0].hint == "write every amount of the file in one style: here 1.500,5");
}

TEST_CASE("content: an ambiguous amount is explained when nothing shows the file's style") {
  Read r = read(std::string(kHeader) + row("1", "A", "1.500", "1.000", "500"));
  REQUIRE_MESSAGE(r.ok, r.messages());
  REQUIRE(r.diags.size() == 1);
  CHECK(r.diags[0].severity == Severity::warning);
  CHECK(r.diags[0].message ==
        "“1.500” can be read two ways; nothing else in the file shows its number style, so it "
        "is read in Vietnamese style as 1.500, not 1,5");
  CHECK(format_money(r.doc.tasks[0].total) == "1500");
}

TEST_CASE("content: a CSV row with the wrong number of cells is an error at its line") {
  Read more = read(std::string(kHeader) + row("1", "A", "10", "10", "0") +
                   "2;B;Viện X;;M;N;K;12;1,5;1;0,5;;extra\n");
  CHECK_FALSE(more.ok);
  REQUIRE(more.diags.size() == 1);
  CHECK(more.diags[0].loc.line == 3);
  CHECK(more.diags[0].message == "line 3 has a cell in column 13 but the header has 12 columns");
  CHECK(more.diags[0].hint.find("must be in double quotes") != std::string::npos);
  Read fewer = read(std::string(kHeader) + "1;A;Viện X;;M;N;K;12;10;10\n");
  CHECK_FALSE(fewer.ok);
  REQUIRE(fewer.diags.size() == 1);
  CHECK(fewer.diags[0].message == "line 2 has 10 cells but the header has 12 columns");
  // Empty cells past the header, as spreadsheets write them, are fine.
  Read trailing = read(std::string(kHeader) + "1;A;Viện X;;M;N;K;12;10;10;0;;;;\n");
  CHECK_MESSAGE(trailing.ok, trailing.messages());
}

TEST_CASE("content: an unknown CSV column is an error that lists the known names") {
  Read r = read("Stt;Tên nhiệm vụ;Chủ trì;Tong sô;NSNN;Đối ứng;Kinh phí khác\n1;A;X;1;1;0;2\n");
  CHECK_FALSE(r.ok);
  REQUIRE(r.diags.size() == 1);
  CHECK(r.diags[0].loc.line == 1);
  CHECK(r.diags[0].message == "unknown column `Kinh phí khác` (column 7)");
  CHECK(r.diags[0].hint.find("known columns: Stt, Tên nhiệm vụ,") != std::string::npos);
  Read missing = read("Stt;Tên nhiệm vụ;Tổ chức chủ trì;Tổng số\n1;A;X;1\n");
  REQUIRE(missing.diags.size() == 2);
  CHECK(missing.diags[0].message == "the header has no column `NSNN`");
  CHECK(missing.diags[1].message == "the header has no column `Đối ứng`");
}

TEST_CASE("content: a CSV amount that is not a number names its cell") {
  Read r = read(std::string(kHeader) + row("1", "A", "1.50.0", "1", "0") +
                row("2", "B", "5 triệu", "5", "0"));
  CHECK_FALSE(r.ok);
  REQUIRE(r.diags.size() == 2);
  CHECK(r.diags[0].loc.line == 2);
  CHECK(r.diags[0].loc.column == 60);
  CHECK(r.diags[0].message ==
        "`Tổng số` (column 9) is not an amount: “1.50.0” groups its digits unevenly: thousands "
        "come in threes (1.500.000 or 1,500,000)");
  CHECK(r.diags[1].message == "`Tổng số` (column 9) is not an amount: “5 triệu” is not a number");
}

TEST_CASE("content: an empty CSV, a header alone and broken quotes are errors") {
  Read empty = read("");
  CHECK_FALSE(empty.ok);
  REQUIRE(empty.diags.size() == 1);
  CHECK(empty.diags[0].message == "the CSV file is empty");
  CHECK(empty.diags[0].loc.line == 1);
  Read bom_only = read("\xEF\xBB\xBF\r\n# only a comment\n");
  CHECK_FALSE(bom_only.ok);
  CHECK(bom_only.diags[0].message == "the CSV file is empty");
  Read header = read(kHeader);
  CHECK_FALSE(header.ok);
  REQUIRE(header.diags.size() == 1);
  CHECK(header.diags[0].message == "the CSV has a header but no tasks under it");
  Read quotes = read(std::string(kHeader) + "1;\"A;Viện X;;M;N;K;12;10;10;0;\n");
  CHECK_FALSE(quotes.ok);
  REQUIRE(quotes.diags.size() == 1);
  CHECK(format_diagnostic(quotes.diags[0])
            .find(std::string(kPath) + ":2:3: error: the quoted "
                                       "cell that starts here is never closed") == 0);
  Read latin = read(std::string(kHeader) + "1;T\xEAn;X;;;;;;1;1;0;\n");
  CHECK_FALSE(latin.ok);
  CHECK(latin.diags[0].message.find("the CSV is not UTF-8") == 0);
  CHECK(latin.diags[0].hint.find("CSV UTF-8") != std::string::npos);
}

TEST_CASE("content: CSV totals: total = state + counterpart, no negatives, the totals row") {
  Read r = read(std::string(kHeader) + row("1", "A", "1000", "600", "300") +
                row("2", "B", "-5", "-5", "0") + "Tổng cộng;;;;;;;;1200;595;300;\n");
  CHECK_FALSE(r.ok);
  std::vector<std::string> messages;
  for (const auto& d : r.diags) messages.push_back(d.message);
  CHECK(messages == std::vector<std::string>{
                        "total 1.000 is not state 600 + counterpart 300 = 900",
                        "`Tổng số` (column 9) is negative (-5)",
                        "`NSNN` (column 10) is negative (-5)",
                        "the totals row says 1.200 in `Tổng số` (column 9) but the tasks add up "
                        "to 995",
                    });
  CHECK(r.diags[0].loc.line == 2);
  CHECK(r.diags[0].loc.column == 60);
}

TEST_CASE("content: CSV priorities are unique and run from 1, required cells are filled") {
  Read dup =
      read(std::string(kHeader) + row("1", "A", "1", "1", "0") + row("1", "B", "1", "1", "0"));
  REQUIRE(dup.diags.size() == 1);
  CHECK(dup.diags[0].loc.line == 3);
  CHECK(dup.diags[0].message == "priority 1 is given twice: also to “A” on line 2");
  Read gap =
      read(std::string(kHeader) + row("1", "A", "1", "1", "0") + row("3", "B", "1", "1", "0"));
  REQUIRE(gap.diags.size() == 1);
  CHECK(gap.diags[0].message ==
        "task priorities must run 1, 2, 3… in order: found stt = 3 where 2 was expected");
  Read blank = read(std::string(kHeader) + ";;;;M;N;K;12;;;;\n");
  std::vector<std::string> messages;
  for (const auto& d : blank.diags) messages.push_back(d.message);
  CHECK(messages == std::vector<std::string>{
                        "the task on line 2 has no `Stt` (column 1)",
                        "the task on line 2 has no name (Tên nhiệm vụ)",
                        "the task on line 2 has no lead organisation (Tổ chức chủ trì)",
                        "the task on line 2 has no total budget (Tổng số)",
                    });
}

TEST_CASE("content: a CSV beside a list's .toml gives its tasks, one beside a notice is refused") {
  TempDir dir;
  dir.write("site.toml", "title = \"T\"\n");
  dir.write("content/programs/1322.md",
            "+++\ntitle = \"CT 1322\"\nissued = 2020-08-31\nprogram = \"1322\"\n+++\n");
  dir.write("content/proposals/2025/ds.toml",
            "# metadata\ntitle = \"Danh mục\"\nissued = 2025-08-01\nprogram = \"1322\"\n"
            "round = 2026\nsubmitter = \"Sở KH&CN tỉnh X\"\n");
  dir.write("content/proposals/2025/ds.csv", std::string(kHeader) + row("1", "A", "10", "6", "4"));
  dir.write("content/notices/n.toml", "title = \"N\"\nkind = \"notice\"\nissued = 2025-08-01\n");
  dir.write("content/notices/n.csv", std::string(kHeader) + row("1", "A", "10", "6", "4"));
  dir.write("content/proposals/2025/both.toml",
            "title = \"B\"\nissued = 2025-08-01\n[[tasks]]\nstt = 1\nname = \"A\"\nlead = \"X\"\n"
            "total = 1\nstate = 1\ncounterpart = 0\n");
  dir.write("content/proposals/2025/both.csv", std::string(kHeader) + row("1", "A", "1", "1", "0"));
  auto config = config::load_site(dir.path());
  REQUIRE(config.ok());
  Diagnostics diags;
  auto docs = content::load_documents(*config, diags);
  auto all = diags.sorted();
  REQUIRE(all.size() == 2);
  CHECK(all[0].file == "content/notices/n.toml");
  CHECK(all[0].message ==
        "the tasks of content/notices/n.csv are beside a document of kind `notice`");
  CHECK(all[1].file == "content/proposals/2025/both.toml");
  CHECK(all[1].message ==
        "the tasks are both here as [[tasks]] and in content/proposals/2025/both.csv");
  CHECK(all[1].loc.line == 3);
  auto list =
      std::find_if(docs.begin(), docs.end(), [](const Document& d) { return d.slug == "ds"; });
  REQUIRE(list != docs.end());
  CHECK(list->url == "/proposal-list/2025/ds/");
  CHECK(list->tasks_path == "content/proposals/2025/ds.csv");
  REQUIRE(list->tasks.size() == 1);
  CHECK(format_money(list->tasks[0].state) == "6");
}

TEST_CASE("content: TOML task priorities may not repeat") {
  TempDir dir;
  auto config = config::default_config(dir.path());
  Diagnostics diags;
  auto doc = content::parse_document(
      "title = \"D\"\nissued = 2025-05-06\n[[tasks]]\nstt = 1\nname = \"A\"\nlead = \"X\"\n"
      "total = 1\nstate = 1\ncounterpart = 0\n[[tasks]]\nstt = 1\nname = \"B\"\nlead = \"Y\"\n"
      "total = 2\nstate = 1\ncounterpart = 1\n",
      dir.path() / "content/proposals/l.toml", "content/proposals/l.toml", Kind::proposal_list,
      config, diags);
  CHECK_FALSE(doc);
  auto all = diags.sorted();
  REQUIRE(all.size() == 1);
  CHECK(all[0].loc.line == 11);
  CHECK(all[0].message == "priority 1 is given twice: also to “A” on line 3");
}

TEST_CASE("content: a proposal list of an unknown programme is an error at its `program`") {
  TempDir dir;
  dir.write("site.toml", "title = \"T\"\n");
  dir.write("content/programs/1322.md",
            "+++\ntitle = \"CT 1322\"\nissued = 2020-08-31\nprogram = \"1322\"\n+++\n");
  dir.write("content/proposals/2025/ds.toml",
            "title = \"Danh mục\"\nissued = 2025-08-01\nprogram = \"1332\"\nround = 2026\n");
  dir.write("content/proposals/2025/ds.csv", std::string(kHeader) + row("1", "A", "10", "6", "4"));
  auto config = config::load_site(dir.path());
  REQUIRE(config.ok());
  Diagnostics diags;
  auto docs = content::load_documents(*config, diags);
  content::check_documents(docs, *config, diags);
  std::vector<Diagnostic> errors;
  for (const auto& d : diags.sorted()) {
    if (d.severity == Severity::error) errors.push_back(d);
  }
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].file == "content/proposals/2025/ds.toml");
  CHECK(errors[0].loc.line == 3);
  CHECK(errors[0].message == "unknown programme `1332`");
  CHECK(errors[0].hint.find("did you mean `1322`?") == 0);
}

TEST_CASE(
    "content: a CSV header of thousands of unknown columns does not copy its line each time") {
  // Found by fuzzing: "@std,n+a" repeated to 100 KB is a header of 12,501 unknown columns, and
  // each error kept a copy of the whole line (1.3 GB).
  std::string csv;
  while (csv.size() < 100'000) csv += "@std,n+a";
  Read r = read(csv);
  CHECK_FALSE(r.ok);
  std::vector<Diagnostic> unknown;
  for (const auto& d : r.diags) {
    if (d.message.starts_with("unknown column")) unknown.push_back(d);
  }
  // The first kPerFile are kept (each with the line cut at 2,000 bytes), the rest counted.
  REQUIRE(unknown.size() == Diagnostics::kPerFile);
  CHECK(unknown[0].message == "unknown column `@std` (column 1)");
  CHECK(unknown[0].source_line == csv.substr(0, 2000) + "…");
  CHECK(unknown[1].loc.column == 6);
  CHECK(unknown[1].source_line == csv.substr(0, 2000) + "…");
  std::size_t more = 0;
  for (const auto& d : r.diags) {
    if (d.message.starts_with("… and "))
      more = std::stoul(d.message.substr(std::string("… and ").size()));
  }
  CHECK(more >= 12'501 - Diagnostics::kPerFile);
}
