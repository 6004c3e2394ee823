// End-to-end: proposal lists from CSV and from TOML in one round — their pages, the round's
// summary, the exports read back, and each task found by search.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "gazette/content.hpp"
#include "gazette/search.hpp"
#include "temp_site.hpp"

namespace {

const char* const kCsvMeta =
    "# the tasks are in tinh-a.csv\ntitle = \"Danh mục đề xuất của tỉnh A\"\n"
    "kind = \"proposal-list\"\nissuer = \"Sở KH&CN tỉnh A\"\n"
    "submitter = \"Sở Khoa học và Công nghệ tỉnh A\"\nprovince = \"Tỉnh A\"\n"
    "issued = 2025-08-10\nprogram = \"1322\"\nround = 2026\n";

const char* const kHeader =
    "Stt;Tên nhiệm vụ;Tổ chức chủ trì;Tổ chức phối hợp;Mục tiêu;Nội dung chính;Dự kiến kết "
    "quả;Thời gian thực hiện;Tổng số;NSNN;Đối ứng;Ghi chú\r\n";

const std::string kCsv = std::string("\xEF\xBB\xBF") + kHeader +
                         "1;Áp dụng ISO 9001 cho doanh nghiệp chè;Trung tâm TĐC tỉnh A;\"Viện Năng "
                         "suất Việt Nam\nCông ty chè B\";Nâng cao chất lượng chè;\"- Đánh giá hiện "
                         "trạng;\n- Áp dụng ISO 9001\";05 doanh nghiệp được chứng nhận;24 "
                         "tháng;1.500,5;1.000;500,5;\r\n"
                         "2;Đào tạo chuyên gia năng suất;Sở Khoa học và Công nghệ tỉnh A;;Hình "
                         "thành đội ngũ chuyên gia;Đào tạo, chứng nhận;30 chuyên gia;18 "
                         "tháng;800;800;-;Ưu tiên\r\n";

const std::string kTomlList =
    proposal_list_toml("Danh mục đề xuất của Bộ Công Thương", "Bộ Công Thương",
                       "submitter = \"Bộ Công Thương\"\n") +
    R"([[tasks]]
stt = 1
name = "Xây dựng TCVN cho sản phẩm tuần hoàn"
lead = "Viện Tiêu chuẩn Chất lượng Việt Nam"
partners = ["Vụ Khoa học và Công nghệ"]
objectives = "Có tiêu chuẩn cho sản phẩm tái chế"
content = "Xây dựng 03 dự thảo TCVN về kinh tế tuần hoàn"
results = "03 dự thảo TCVN"
duration = "24 tháng"
total = 2000
state = 2000
counterpart = 0
)";

std::map<std::string, std::string> round_site() {
  return {{"content/programs/1322.md", kProgram1322},
          {"content/proposals/2025/tinh-a.toml", kCsvMeta},
          {"content/proposals/2025/tinh-a.csv", kCsv},
          {"content/proposals/2025/bo-cong-thuong.toml", kTomlList}};
}

const char* const kNow = "2025-09-01T09:00:00+07:00";

// The HTML without the line breaks and indentation between tags.
std::string squeeze(const std::string& html) {
  return std::regex_replace(html, std::regex(">\\s+<"), "><");
}

// The documents a site directory loads to, by slug.
std::map<std::string, gazette::content::Document> load(const std::filesystem::path& root) {
  auto config = gazette::config::load_site(root);
  REQUIRE(config.ok());
  gazette::Diagnostics diags;
  std::map<std::string, gazette::content::Document> docs;
  for (auto& d : gazette::content::load_documents(*config, diags)) docs[d.slug] = std::move(d);
  std::string messages;
  for (const auto& d : diags.sorted()) messages += gazette::format_diagnostic(d);
  CHECK_MESSAGE(!diags.has_errors(), messages);
  return docs;
}

// An amount of the JSON export: the number as written there, read exactly.
gazette::Money json_money(const nlohmann::json& number) {
  std::string why;
  auto m = gazette::parse_money(number.dump(), why);
  REQUIRE_MESSAGE(m, (number.dump() + " " + why));
  return *m;
}

void check_same(const std::vector<gazette::content::Task>& got,
                const std::vector<gazette::content::Task>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    CHECK(got[i].stt == want[i].stt);
    CHECK(got[i].name == want[i].name);
    CHECK(got[i].lead == want[i].lead);
    CHECK(got[i].partners == want[i].partners);
    CHECK(got[i].objectives == want[i].objectives);
    CHECK(got[i].content == want[i].content);
    CHECK(got[i].results == want[i].results);
    CHECK(got[i].duration == want[i].duration);
    CHECK(got[i].total == want[i].total);  // exact: amounts are never doubles
    CHECK(got[i].state == want[i].state);
    CHECK(got[i].counterpart == want[i].counterpart);
    CHECK(got[i].notes == want[i].notes);
  }
}

}  // namespace

TEST_CASE("e2e proposals: a CSV list gets its page with the form's table, totals and leads") {
  TempSite site(round_site());
  auto built = site.build(kNow);
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  std::string html = squeeze(site.page("proposal-list/2025/tinh-a/index.html"));
  CHECK(contains(html, "<article class=\"doc doc-proposal-list\">"));
  CHECK(contains(html, "<h1><bdi>Danh mục đề xuất của tỉnh A</bdi></h1>"));
  CHECK(contains(html, "<div class=\"table-scroll tasks-scroll\" role=\"region\" tabindex=\"0\""));
  CHECK(contains(html, "<caption id=\"proposals-tasks-caption\">Danh mục đề xuất của tỉnh A"));
  CHECK(contains(html, "<th scope=\"colgroup\" colspan=\"3\" class=\"col-budget\">"));
  CHECK(contains(html, "<th scope=\"col\" class=\"num\">NSNN</th>"));
  // A row per task, the target of its search result, amounts as Vietnamese write them.
  CHECK(contains(html,
                 "<tr id=\"task-1\"><td class=\"num col-stt\" data-value=\"1\" "
                 "data-label=\"Stt\">1</td>"));
  CHECK(contains(html,
                 "<td class=\"num\" data-value=\"1500.5\" data-label=\"Tổng số\">1.500,5</td>"));
  CHECK(contains(html, "<td class=\"num\" data-value=\"500.5\" data-label=\"Đối ứng\">500,5</td>"));
  CHECK(contains(html,
                 "<span class=\"org-label\">Phối hợp:</span><bdi>Viện Năng suất Việt Nam; "
                 "Công ty chè B</bdi></span>"));
  CHECK(contains(html,
                 "<td class=\"col-text\" data-label=\"Nội dung chính\">- Đánh giá hiện "
                 "trạng;\n- Áp dụng ISO 9001</td>"));
  // The totals row and the counts per lead organisation.
  CHECK(
      contains(html,
               "<th scope=\"row\" colspan=\"3\">Tổng cộng (2 nhiệm vụ)</th><td class=\"num\" "
               "data-label=\"Tổng số\">2.300,5</td><td class=\"num\" data-label=\"NSNN\">1.800</td>"
               "<td class=\"num\" data-label=\"Đối ứng\">500,5</td>"));
  CHECK(contains(html,
                 "<tr><th scope=\"row\"><bdi>Sở Khoa học và Công nghệ tỉnh A</bdi></th><td "
                 "class=\"num\">1</td><td class=\"num\">800</td></tr>"));
  // Downloads, the blank form and the round's summary.
  CHECK(contains(html, "href=\"/proposal-list/2025/tinh-a/tasks.csv\" download"));
  CHECK(contains(html, "href=\"/proposal-list/2025/tinh-a/tasks.json\""));
  CHECK(contains(html, "href=\"/proposal-list/form.csv\" download"));
  CHECK(contains(html, "href=\"/program/1322/2026/proposals/\""));
  CHECK(contains(html, "content/proposals/2025/tinh-a.toml, content/proposals/2025/tinh-a.csv"));
  // The TOML list of the same round has its table too.
  std::string toml = squeeze(site.page("proposal-list/2025/bo-cong-thuong/index.html"));
  CHECK(contains(toml, "<td class=\"num\" data-value=\"2000\" data-label=\"Tổng số\">2.000</td>"));
  CHECK(contains(site.page("sitemap.xml"), "/program/1322/2026/proposals/</loc>"));
}

TEST_CASE("e2e proposals: the round summary holds every list's tasks with totals") {
  TempSite site(round_site());
  auto built = site.build(kNow);
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  std::string html = squeeze(site.page("program/1322/2026/proposals/index.html"));
  REQUIRE_FALSE(html.empty());
  CHECK(contains(html, "<h1><bdi>Bảng tổng hợp đề xuất nhiệm vụ</bdi></h1>"));
  CHECK(contains(html, "3 nhiệm vụ từ 2 đơn vị đề xuất"));
  // Both lists' tasks, by submitter (Vietnamese order) and then priority, each linked to
  // its row on its list's page.
  auto bo = html.find("href=\"/proposal-list/2025/bo-cong-thuong/#task-1\"><bdi>Xây dựng TCVN");
  auto a1 = html.find("href=\"/proposal-list/2025/tinh-a/#task-1\"><bdi>Áp dụng ISO 9001");
  auto a2 = html.find("href=\"/proposal-list/2025/tinh-a/#task-2\"><bdi>Đào tạo chuyên gia");
  REQUIRE(bo != std::string::npos);
  REQUIRE(a1 != std::string::npos);
  REQUIRE(a2 != std::string::npos);
  CHECK(bo < a1);
  CHECK(a1 < a2);
  // Sortable without a page reload: aria-sort on the current order, the script beside it.
  CHECK(contains(html, "data-column=\"0\" aria-sort=\"ascending\">Đơn vị đề xuất</th>"));
  CHECK(contains(html, "data-sort=\"number\" data-column=\"4\">Tổng số</th>"));
  CHECK(contains(html, "<script src=\"/static/js/sort.js?v="));  // a new version is fetched anew
  std::string script = site.page("static/js/sort.js");
  CHECK(contains(script, "aria-sort"));
  CHECK(script.size() < 5 * 1024);
  // Totals per submitter and the grand totals.
  CHECK(contains(html,
                 "<th scope=\"row\"><a href=\"/proposal-list/2025/bo-cong-thuong/\"><bdi>Bộ Công "
                 "Thương</bdi></a></th><td class=\"num\">1</td><td class=\"num\">2.000</td><td "
                 "class=\"num\">2.000</td><td class=\"num\">0</td>"));
  CHECK(contains(
      html,
      "<th scope=\"row\"><a href=\"/proposal-list/2025/tinh-a/\"><bdi>Sở Khoa học và Công "
      "nghệ tỉnh A</bdi></a></th><td class=\"num\">2</td><td class=\"num\">2.300,5</td><td "
      "class=\"num\">1.800</td><td class=\"num\">500,5</td>"));
  CHECK(contains(html,
                 "<th scope=\"row\">Tổng cộng</th><td class=\"num\">3</td><td "
                 "class=\"num\">4.300,5</td><td class=\"num\">3.800</td><td "
                 "class=\"num\">500,5</td>"));
  CHECK(contains(
      html, "Tổng cộng (3 nhiệm vụ)</th><td class=\"num\" data-label=\"Tổng số\">4.300,5</td>"));
  std::string csv = site.page("program/1322/2026/proposals/tasks.csv");
  CHECK(csv.rfind("\xEF\xBB\xBF"
                  "Đơn vị đề xuất,Stt,Tên nhiệm vụ,",
                  0) == 0);
  CHECK(contains(csv, "\r\nBộ Công Thương,1,Xây dựng TCVN cho sản phẩm tuần hoàn,"));
}

TEST_CASE("e2e proposals: the CSV and JSON exports read back as the lists they came from") {
  TempSite site(round_site());
  auto built = site.build(kNow);
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  auto source = load(site.path());
  REQUIRE(source.count("tinh-a"));
  REQUIRE(source.count("bo-cong-thuong"));
  for (std::string slug : {"tinh-a", "bo-cong-thuong"}) {
    CAPTURE(slug);
    const auto& list = source[slug];
    // The CSV is a list gazette reads: the same tasks come back.
    std::string csv = site.page("proposal-list/2025/" + slug + "/tasks.csv");
    REQUIRE_FALSE(csv.empty());
    TempSite again({{"content/programs/1322.md", kProgram1322},
                    {"content/proposals/2025/back.toml",
                     "title = \"Đọc lại\"\nissued = 2025-09-01\nprogram = \"1322\"\n"},
                    {"content/proposals/2025/back.csv", csv}});
    auto back = load(again.path());
    REQUIRE(back.count("back"));
    check_same(back["back"].tasks, list.tasks);
    // The JSON holds the list, its totals and every task.
    auto j = nlohmann::json::parse(site.page("proposal-list/2025/" + slug + "/tasks.json"));
    CHECK(j["title"] == list.title);
    CHECK(j["submitter"] == list.submitter);
    CHECK(j["round"] == 2026);
    CHECK(j["unit"] == "triệu đồng");
    std::vector<gazette::content::Task> tasks;
    gazette::Money total;
    for (const auto& t : j["tasks"]) {
      gazette::content::Task task;
      task.stt = t["stt"];
      task.name = t["name"];
      task.lead = t["lead"];
      task.partners = t["partners"].get<std::vector<std::string>>();
      task.objectives = t["objectives"];
      task.content = t["content"];
      task.results = t["results"];
      task.duration = t["duration"];
      task.total = json_money(t["total"]);
      task.state = json_money(t["state"]);
      task.counterpart = json_money(t["counterpart"]);
      task.notes = t["notes"];
      total += task.total;
      CHECK(t["url"].get<std::string>().ends_with("/proposal-list/2025/" + slug + "/#task-" +
                                                  std::to_string(task.stt)));
      tasks.push_back(std::move(task));
    }
    check_same(tasks, list.tasks);
    CHECK(j["totals"]["tasks"] == list.tasks.size());
    CHECK(json_money(j["totals"]["total"]) == total);
  }
  // The blank form is the header gazette reads: fill in one row and it is a list.
  std::string form = site.page("proposal-list/form.csv");
  CHECK(form ==
        "\xEF\xBB\xBF"
        "Stt,Tên nhiệm vụ,Tổ chức chủ trì,Tổ chức phối hợp,Mục tiêu,Nội dung chính,Dự kiến kết "
        "quả,Thời gian thực hiện,Tổng số,NSNN,Đối ứng,Ghi chú\r\n");
  TempSite filled({{"content/proposals/2025/f.toml", "title = \"F\"\nissued = 2025-09-01\n"},
                   {"content/proposals/2025/f.csv",
                    form + "1,Nhiệm vụ,Viện X,,,,,,\"1.200,5\",1200,\"0,5\",\r\n"}});
  auto f = load(filled.path());
  REQUIRE(f["f"].tasks.size() == 1);
  CHECK(gazette::format_money(f["f"].tasks[0].total) == "1200.5");
}

TEST_CASE("e2e proposals: each task is a search document of kind task, under its list") {
  TempSite site(round_site());
  auto built = site.build(kNow);
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  auto config = gazette::config::load_site(site.path());
  REQUIRE(config.ok());
  auto searcher = gazette::search::Searcher::open(config->search.index_dir, {});
  REQUIRE(searcher.ok());
  gazette::search::Query q;
  q.now = *gazette::parse_rfc3339(kNow);
  q.text = "dao tao chuyen gia nang suat";
  auto answer = (*searcher)->search(q);
  REQUIRE(answer.ok());
  const auto& r = *answer;
  REQUIRE_FALSE(r.hits.empty());
  CHECK(r.hits[0].listing.kind == "task");
  CHECK(r.hits[0].listing.url == "/proposal-list/2025/tinh-a/#task-2");
  CHECK(r.hits[0].listing.title == "Đào tạo chuyên gia năng suất");
  CHECK(r.hits[0].listing.parent_url == "/proposal-list/2025/tinh-a/");
  CHECK(r.hits[0].listing.parent_title == "Danh mục đề xuất của tỉnh A");
  CHECK(r.hits[0].listing.program == "1322");
  CHECK(r.hits[0].listing.round == 2026);
  // Filters: programme and round, submitter, lead organisation.
  auto urls = [&](gazette::search::Query query) {
    query.now = q.now;
    query.kinds = {"task"};
    std::vector<std::string> out;
    auto found = (*searcher)->search(query);
    REQUIRE(found.ok());
    for (const auto& hit : found->hits) out.push_back(hit.listing.url);
    std::sort(out.begin(), out.end());
    return out;
  };
  gazette::search::Query round;
  round.programs = {"1322"};
  round.rounds = {2026};
  CHECK(urls(round).size() == 3);
  gazette::search::Query submitter;
  submitter.submitters = {"Bộ Công Thương"};
  CHECK(urls(submitter) == std::vector<std::string>{"/proposal-list/2025/bo-cong-thuong/#task-1"});
  gazette::search::Query lead;
  lead.leads = {"Trung tâm TĐC tỉnh A"};
  CHECK(urls(lead) == std::vector<std::string>{"/proposal-list/2025/tinh-a/#task-1"});
  gazette::search::Query words;
  words.text = "kinh te tuan hoan";
  CHECK(urls(words) == std::vector<std::string>{"/proposal-list/2025/bo-cong-thuong/#task-1"});
}

TEST_CASE("e2e proposals: a CSV that mixes number styles stops the build at its cell") {
  auto files = round_site();
  files["content/proposals/2025/tinh-a.csv"] =
      std::string(kHeader) +
      "1;A;Viện X;;;;;;1.500,5;1.000;500,5;\n2;B;Viện Y;;;;;;800.5;800.5;0;\n";
  TempSite site(files);
  auto built = site.build(kNow);
  CHECK_FALSE(built.report.ok);
  std::vector<gazette::Diagnostic> errors;
  for (const auto& d : built.diags) {
    if (d.severity == gazette::Severity::error) errors.push_back(d);
  }
  REQUIRE_MESSAGE(errors.size() == 1, built.messages());
  CHECK(gazette::format_diagnostic(errors[0]) ==
        "content/proposals/2025/tinh-a.csv:3:19: error: this file writes amounts as 1.500,5 "
        "(Vietnamese style: dot for thousands, comma for decimals), first on line 2, column 9: "
        "“1.500,5”; here `Tổng số` (column 9) writes “800.5” (international style: comma for "
        "thousands, dot for decimals)\n"
        "    2;B;Viện Y;;;;;;800.5;800.5;0;\n"
        "                    ^\n"
        "hint: write every amount of the file in one style: here 800,5\n");
}
