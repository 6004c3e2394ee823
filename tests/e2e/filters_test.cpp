// End-to-end: every search filter on its own, over HTTP (/api/search, /search, /search.atom)
// and in the terminal (gazette search), on a site where each document differs from the
// others in one field only, so only that field's filter can tell it apart.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "run_gazette.hpp"
#include "running_server.hpp"
#include "temp_site.hpp"

namespace {

// What the site's search records hold, written out by hand: the expected answers are read
// from this table, not from the code under test.
struct Rec {
  std::string url, kind, program;
  int round;  // 0: none
  std::string province, issuer, submitter, lead;
};

const char* const kIssuer = "Sở KH&CN tỉnh Điện Biên";
const char* const kProvince = "Điện Biên";
const char* const kSubmitterA = "Trường Đại học Tây Bắc";
const char* const kSubmitterB = "Công ty Cổ phần Chè Mường Ảng";
const char* const kLeadA = "Viện Năng suất Việt Nam";
const char* const kLeadB = "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng";

std::vector<Rec> records() {
  std::vector<Rec> r = {
      {"/program/1322/", "program", "1322", 0, "", "", "", ""},
      {"/program/118/", "program", "118", 0, "", "", "", ""},
      {"/notice/2023/base/", "notice", "1322", 2024, kProvince, kIssuer, "", ""},
      {"/guidance/2023/kind/", "guidance", "1322", 2024, kProvince, kIssuer, "", ""},
      {"/notice/2023/program/", "notice", "118", 2024, kProvince, kIssuer, "", ""},
      {"/notice/2023/round/", "notice", "1322", 2025, kProvince, kIssuer, "", ""},
      {"/notice/2023/province/", "notice", "1322", 2024, "Lai Châu", kIssuer, "", ""},
      {"/notice/2023/issuer/", "notice", "1322", 2024, kProvince, "Sở KH&CN tỉnh Lào Cai", "", ""},
  };
  for (auto [slug, submitter] : {std::pair{"list-a", kSubmitterA}, {"list-b", kSubmitterB}}) {
    std::string url = std::string("/proposal-list/2023/") + slug + "/";
    r.push_back({url, "proposal-list", "1322", 2024, kProvince, kIssuer, submitter, ""});
    r.push_back({url + "#task-1", "task", "1322", 2024, kProvince, kIssuer, submitter, kLeadA});
    r.push_back({url + "#task-2", "task", "1322", 2024, kProvince, kIssuer, submitter, kLeadB});
  }
  return r;
}

std::string base_fields(const std::string& program = "1322", int round = 2024,
                        const std::string& province = kProvince,
                        const std::string& issuer = kIssuer) {
  return "program = \"" + program + "\"\nround = " + std::to_string(round) + "\nprovince = \"" +
         province + "\"\nissuer = \"" + issuer + "\"\n";
}

std::string proposal_list(const std::string& submitter) {
  std::string tasks;
  for (auto [stt, lead] : {std::pair{1, kLeadA}, {2, kLeadB}}) {
    tasks += "[[tasks]]\nstt = " + std::to_string(stt) +
             "\nname = \"Nâng cao năng suất chè\"\nlead = \"" + lead +
             "\"\nobjectives = \"Năng suất\"\ntotal = 100\nstate = 100\ncounterpart = 0\n";
  }
  return "title = \"Danh mục đề xuất\"\nissued = 2023-04-12\nsubmitter = \"" + submitter + "\"\n" +
         base_fields() + tasks;
}

std::map<std::string, std::string> filter_site() {
  auto program = [](const std::string& id) {
    return "+++\ntitle = \"Chương trình " + id + "\"\nissued = 2020-08-31\nprogram = \"" + id +
           "\"\n+++\nVề chương trình.\n";
  };
  return {
      {"content/programs/1322.md", program("1322")},
      {"content/programs/118.md", program("118")},
      {"content/notices/base.md", notice("Thông báo chung", base_fields())},
      {"content/guidance/kind.md",
       "+++\ntitle = \"Thông báo chung\"\nissued = 2023-04-12\n" + base_fields() + "+++\nx\n"},
      {"content/notices/program.md", notice("Thông báo chung", base_fields("118"))},
      {"content/notices/round.md", notice("Thông báo chung", base_fields("1322", 2025))},
      {"content/notices/province.md",
       notice("Thông báo chung", base_fields("1322", 2024, "Lai Châu"))},
      {"content/notices/issuer.md",
       notice("Thông báo chung", base_fields("1322", 2024, kProvince, "Sở KH&CN tỉnh Lào Cai"))},
      {"content/proposals/list-a.toml", proposal_list(kSubmitterA)},
      {"content/proposals/list-b.toml", proposal_list(kSubmitterB)},
  };
}

std::string field_of(const Rec& r, const std::string& filter) {
  if (filter == "kind") return r.kind;
  if (filter == "program") return r.program;
  if (filter == "round") return r.round ? std::to_string(r.round) : "";
  if (filter == "province") return r.province;
  if (filter == "issuer") return r.issuer;
  if (filter == "submitter") return r.submitter;
  if (filter == "lead") return r.lead;
  FAIL("no such filter " << filter);
  return "";
}

const std::vector<std::string> kFilters = {"kind",   "program",   "round", "province",
                                           "issuer", "submitter", "lead"};

// The addresses a filter on `value` must give, sorted.
std::vector<std::string> expected(const std::string& filter, const std::string& value) {
  std::vector<std::string> urls;
  for (const Rec& r : records()) {
    if (field_of(r, filter) == value) urls.push_back(r.url);
  }
  std::sort(urls.begin(), urls.end());
  return urls;
}

// Every value a filter can take on the site.
std::set<std::string> values_of(const std::string& filter) {
  std::set<std::string> values;
  for (const Rec& r : records()) {
    if (!field_of(r, filter).empty()) values.insert(field_of(r, filter));
  }
  return values;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

TEST_CASE("filters: each filter alone gives exactly the records with that value") {
  TempSite site(filter_site());
  auto built = site.build();
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  RunningServer server(site);
  REQUIRE(server.api("per_page=100")["total"] == records().size());
  int checked = 0;
  for (const std::string& filter : kFilters) {
    std::set<std::string> values = values_of(filter);
    REQUIRE_MESSAGE(values.size() >= 2, filter);  // a filter with one value separates nothing
    for (const std::string& value : values) {
      std::string params = filter + "=" + gazette::url_encode(value) + "&per_page=100";
      auto want = expected(filter, value);
      REQUIRE_FALSE(want.empty());
      CHECK_MESSAGE(sorted(urls_of(server.api(params))) == want, params);
      ++checked;
    }
  }
  CHECK(checked >= 17);
}

TEST_CASE("filters: a value matches however its marks and capitals are typed") {
  TempSite site(filter_site());
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  auto want = expected("province", "Lai Châu");
  REQUIRE(want.size() == 1);
  for (const char* typed : {"Lai Châu", "lai chau", "LAI CHÂU", "lai-chau"}) {
    CHECK_MESSAGE(sorted(urls_of(server.api("province=" + gazette::url_encode(typed)))) == want,
                  typed);
  }
  CHECK(sorted(urls_of(server.api("lead=" + gazette::url_encode("vien nang suat viet nam")))) ==
        expected("lead", kLeadA));
}

TEST_CASE("filters: values of one filter add up, different filters narrow each other") {
  TempSite site(filter_site());
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  auto notices = expected("kind", "notice"), guidance = expected("kind", "guidance");
  std::vector<std::string> either = notices;
  either.insert(either.end(), guidance.begin(), guidance.end());
  CHECK(sorted(urls_of(server.api("kind=notice&kind=guidance&per_page=100"))) == sorted(either));
  CHECK(urls_of(server.api("program=1322&round=2025")) ==
        std::vector<std::string>{"/notice/2023/round/"});
  CHECK(urls_of(server.api("program=118&kind=notice")) ==
        std::vector<std::string>{"/notice/2023/program/"});
  CHECK(sorted(urls_of(server.api("submitter=" + gazette::url_encode(kSubmitterB) +
                                  "&lead=" + gazette::url_encode(kLeadB)))) ==
        std::vector<std::string>{"/proposal-list/2023/list-b/#task-2"});
  CHECK(server.api("program=118&round=2025")["total"] == 0);
}

TEST_CASE("filters: the results page and the feed of a search filter as the API does") {
  TempSite site(filter_site());
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  for (const std::string& filter : kFilters) {
    std::string odd;  // the value held by the fewest records
    for (const std::string& v : values_of(filter)) {
      if (odd.empty() || expected(filter, v).size() < expected(filter, odd).size()) odd = v;
    }
    auto want = expected(filter, odd);
    REQUIRE_FALSE(want.empty());
    std::string params = filter + "=" + gazette::url_encode(odd);
    auto page = server.get("/search?" + params);
    auto feed = server.get("/search.atom?" + params);
    REQUIRE(page);
    REQUIRE(feed);
    CHECK(page->status == 200);
    CHECK(feed->status == 200);
    for (const Rec& r : records()) {
      bool in = std::find(want.begin(), want.end(), r.url) != want.end();
      std::string href = "class=\"summary-title\"><a href=\"" + gazette::html_escape(r.url) + "\"";
      CHECK_MESSAGE(contains(page->body, href) == in, params, " ", r.url);
      std::string link = "http://127.0.0.1:8080" + gazette::xml_escape(r.url) + "\"";
      CHECK_MESSAGE(contains(feed->body, link) == in, params, " ", r.url);
    }
  }
}

TEST_CASE("filters: gazette search filters by kind, programme, round, province and issuer") {
  TempSite site(filter_site());
  REQUIRE(site.build().report.ok);
  int checked = 0;
  for (const std::string& filter :
       std::vector<std::string>{"kind", "program", "round", "province", "issuer"}) {
    for (const std::string& value : values_of(filter)) {
      Run run = run_gazette("search --json --limit 100 --now 2023-04-20T09:00:00+07:00 --" +
                                filter + " '" + value + "'",
                            site.path());
      REQUIRE_MESSAGE(run.exit_code == 0, run.output);
      CHECK_MESSAGE(sorted(urls_of(nlohmann::json::parse(run.output))) == expected(filter, value),
                    filter, "=", value);
      ++checked;
    }
  }
  CHECK(checked >= 12);
}
