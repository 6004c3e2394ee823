#include <doctest/doctest.h>

#include "test_index.hpp"

using namespace gazette;
using namespace gazette::search::testing;
using search::Query;
using search::Record;

namespace {

std::vector<Record> corpus() {
  std::vector<Record> r;
  r.push_back(record("/a/", "Nâng cao năng suất chất lượng",
                     "Hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm."));
  r.push_back(record("/b/", "Xây dựng đường giao thông", "Dự án đường tỉnh lộ qua Điện Biên."));
  r.push_back(record("/c/", "Chương trình dương lịch", "Thông tin về dương lịch và đương nhiên."));
  r.push_back(record("/d/", "Chƣơng trình 1322", "Chƣơng trình quốc gia, hòa nhập, thủy lợi."));
  r.push_back(record("/e/", "Suất ăn và năng lượng", "Năng lượng tái tạo; suất đầu tư cao."));
  r[3].listing.number = "1322/QĐ-TTg";
  r[3].listing.issuer = "Thủ tướng Chính phủ";
  return r;
}

}  // namespace

TEST_CASE("search: a query without marks finds the accented text") {
  Index index(corpus());
  auto urls = index.urls("nang suat chat luong");
  REQUIRE_FALSE(urls.empty());
  CHECK(urls[0] == "/a/");
  CHECK(index.urls("dien bien") == std::vector<std::string>{"/b/"});
}

TEST_CASE("search: a query with marks ranks its exact words first") {
  Index index(corpus());
  auto urls = index.urls("đường");
  REQUIRE(urls.size() == 2);  // "đường" and the folded-alike "dương"/"đương"
  CHECK(urls[0] == "/b/");
  CHECK(urls[1] == "/c/");
  CHECK(index.urls("duong").size() == 2);
}

TEST_CASE("search: syllables standing together rank higher") {
  Index index(corpus());
  auto urls = index.urls("nang suat");
  REQUIRE(urls.size() == 2);
  CHECK(urls[0] == "/a/");  // "năng suất" together; /e/ has "năng" and "suất" apart
}

TEST_CASE("search: phrases in quotes, an unclosed quote, exclusions") {
  Index index(corpus());
  CHECK(index.urls("\"nang luong\"") == std::vector<std::string>{"/e/"});
  CHECK(index.urls("\"nang luong") == std::vector<std::string>{"/e/"});
  CHECK(index.urls("nang -tai") == std::vector<std::string>{"/a/"});  // /e/ has "tái tạo"
}

TEST_CASE("search: a phrase typed with marks means those words") {
  Index index(corpus());
  CHECK(index.urls("\"dương lịch\"") == std::vector<std::string>{"/c/"});
  CHECK(index.urls("\"duong lich\"") == std::vector<std::string>{"/c/"});
  CHECK(index.urls("\"đường lịch\"").empty());  // /c/ has "dương lịch", not "đường"
  CHECK(index.urls("\"đường tỉnh\"") == std::vector<std::string>{"/b/"});
}

TEST_CASE("search: old and new tone placement and the ƣ defect are the same word") {
  Index index(corpus());
  CHECK(index.urls("hoà") == std::vector<std::string>{"/d/"});
  CHECK(index.urls("thuỷ") == std::vector<std::string>{"/d/"});
  auto program = index.urls("chương trình");
  CHECK(std::find(program.begin(), program.end(), "/d/") != program.end());
  CHECK(index.urls("chuong trinh quoc gia") == std::vector<std::string>{"/d/"});
}

TEST_CASE("search: document numbers are found whole and by their parts") {
  Index index(corpus());
  CHECK(index.urls("1322/QĐ-TTg") == std::vector<std::string>{"/d/"});
  CHECK(index.urls("1322/qd-ttg") == std::vector<std::string>{"/d/"});
  CHECK(index.urls("1322 qd ttg") == std::vector<std::string>{"/d/"});
  CHECK(index.urls("1322 QĐ TTg") == std::vector<std::string>{"/d/"});
}

TEST_CASE("search: a document number typed whole puts its own document before those citing it") {
  std::vector<Record> records = {
      record("/own/", "Thông báo tuyển chọn", "Đề nghị các đơn vị gửi hồ sơ."),
      record("/cites/", "Thực hiện Thông báo 15/TB-SKHCN",
             "Căn cứ Thông báo 15/TB-SKHCN; theo Thông báo 15/TB-SKHCN, đề xuất theo "
             "15/TB-SKHCN."),
  };
  records[0].listing.number = "15/TB-SKHCN";
  records[1].listing.number = "16/TB-SKHCN";
  Index index(records);
  for (const char* typed : {"15/TB-SKHCN", "15/tb-skhcn", "so:15/TB-SKHCN"}) {
    auto urls = index.urls(typed);
    REQUIRE_MESSAGE(urls.size() == 2, typed);
    CHECK_MESSAGE(urls[0] == "/own/", typed);
  }
}

TEST_CASE("search: a misspelled word gets a suggestion") {
  Index index(corpus());
  auto r = index.find("nang suatt");
  CHECK(r.suggestion == "nang suat");
  auto accented = index.find("năng xuất");
  CHECK(accented.suggestion == "năng suất");
}

TEST_CASE("search: snippets mark the matched words, escaped") {
  auto records = corpus();
  records[0].body = "Hỗ trợ <doanh nghiệp> nâng cao năng suất.";
  Index index(records);
  auto r = index.find("nang suat");
  REQUIRE_FALSE(r.hits.empty());
  CHECK(r.hits[0].snippet_html ==
        "Hỗ trợ &lt;doanh nghiệp&gt; <mark>nâng</mark> cao <mark>năng</mark> <mark>suất</mark>.");
}

TEST_CASE("search: filters, facets, and open/closed decided by the clock at query time") {
  auto records = corpus();
  records[0].listing.deadline = at("2023-04-25T17:00:00+07:00");
  records[0].listing.program = "1322";
  records[0].listing.province = "Điện Biên";
  records[4].listing.deadline = at("2023-04-10T17:00:00+07:00");
  records[4].listing.program = "118";
  Index index(records);
  Query q;
  q.now = at("2023-04-20T09:00:00+07:00");
  q.open = true;
  auto open = index.search(q);
  REQUIRE(open.hits.size() == 1);
  CHECK(open.hits[0].listing.url == "/a/");
  q.now = at("2023-04-25T17:00:01+07:00");  // a moment after the deadline: closed
  CHECK(index.search(q).hits.empty());
  q.open = false;
  CHECK(index.search(q).hits.size() == 2);
  Query by_program;
  by_program.now = q.now;
  by_program.programs = {"1322"};
  by_program.provinces = {"Điện Biên"};
  CHECK(index.search(by_program).hits.size() == 1);
  by_program.provinces = {"Hà Nội"};
  CHECK(index.search(by_program).hits.empty());
  Query all;
  all.facets = true;
  all.now = at("2023-04-20T09:00:00+07:00");
  auto results = index.search(all);
  CHECK(results.total == 5);
  bool has_open_facet = false;
  for (const auto& f : results.facets) {
    if (f.name == "open") {
      has_open_facet = true;
      REQUIRE(f.values.size() == 2);
      CHECK(f.values[0] == std::pair<std::string, std::size_t>{"open", 1});
      CHECK(f.values[1] == std::pair<std::string, std::size_t>{"closed", 1});
    }
  }
  CHECK(has_open_facet);
}

TEST_CASE("search: closed calls are calls: a withdrawn document without a deadline is not one") {
  auto records = corpus();
  records[0].listing.deadline = at("2023-04-10T17:00:00+07:00");  // closed
  records[1].listing.deadline = at("2023-05-10T17:00:00+07:00");
  records[1].listing.withdrawn = true;  // closed: withdrawn
  records[2].listing.withdrawn = true;  // withdrawn, but no call
  Index index(records);
  Query q;
  q.now = at("2023-04-20T09:00:00+07:00");
  q.open = false;
  q.facets = true;
  auto closed = index.search(q);
  std::vector<std::string> urls;
  for (const auto& h : closed.hits) urls.push_back(h.listing.url);
  std::sort(urls.begin(), urls.end());
  CHECK(urls == std::vector<std::string>{records[0].listing.url, records[1].listing.url});
  // As many as the facet of all the matches says are closed.
  Query all;
  all.now = q.now;
  all.facets = true;
  for (const auto& f : index.search(all).facets) {
    if (f.name == "open") CHECK(f.values[1] == std::pair<std::string, std::size_t>{"closed", 2});
  }
}

TEST_CASE("search: the programme facet names each programme by its own record's title") {
  auto records = corpus();
  records[0].listing.program = "1322";
  records[1].listing.program = "TTTT";  // a programme the site has no page for
  records[3].listing.kind = "program";
  records[3].listing.program = "1322";
  Index index(records);
  Query q;
  q.facets = true;
  q.now = at("2023-04-20T09:00:00+07:00");
  auto results = index.search(q);
  const search::Facet* programs = nullptr;
  for (const auto& f : results.facets) programs = f.name == "program" ? &f : programs;
  REQUIRE(programs != nullptr);
  CHECK(programs->labels == std::map<std::string, std::string>{{"1322", "Chƣơng trình 1322"}});
  std::string json = search::answer_json(q, results, 7);
  CHECK(json.find(R"({"value":"1322","count":2,"label":"Chƣơng trình 1322"})") !=
        std::string::npos);
  CHECK(json.find(R"({"value":"TTTT","count":1})") != std::string::npos);
}

TEST_CASE("search: the next moment a record opens or closes") {
  auto records = corpus();
  records[0].listing.deadline = at("2023-04-25T17:00:00+07:00");
  records[1].listing.opens = at("2023-04-22T08:00:00+07:00");
  records[1].listing.deadline = at("2023-05-30T17:00:00+07:00");
  records[4].listing.deadline = at("2023-04-10T17:00:00+07:00");
  Index index(records);
  auto next = [&](const char* now) {
    auto until = index.searcher->next_state_change(at(now));
    REQUIRE(until.ok());
    return *until;
  };
  CHECK(next("2023-04-20T09:00:00+07:00") == at("2023-04-22T08:00:00+07:00"));
  CHECK(next("2023-04-21T09:00:00+07:00") == at("2023-04-22T08:00:00+07:00"));  // remembered
  CHECK(next("2023-04-22T08:00:00+07:00") == at("2023-04-25T17:00:00+07:00"));  // at: passed
  CHECK(next("2023-04-09T00:00:00+07:00") == at("2023-04-10T17:00:00+07:00"));  // earlier
  CHECK(next("2023-05-30T17:00:00+07:00") == std::nullopt);
}

TEST_CASE("search: sort by newest and by soonest deadline, pages") {
  auto records = corpus();
  records[1].listing.issued = {2025, 1, 1};
  records[2].listing.deadline = at("2023-05-01T17:00:00+07:00");
  records[3].listing.deadline = at("2023-04-28T17:00:00+07:00");
  Index index(records);
  Query q;
  q.now = at("2023-04-20T09:00:00+07:00");
  q.sort = Query::Sort::newest;
  auto newest = index.search(q);
  REQUIRE(newest.hits.size() == 5);
  CHECK(newest.hits[0].listing.url == "/b/");
  q.sort = Query::Sort::deadline;
  auto by_deadline = index.search(q);
  REQUIRE(by_deadline.hits.size() == 5);
  CHECK(by_deadline.hits[0].listing.url == "/d/");
  CHECK(by_deadline.hits[1].listing.url == "/c/");
  q.page_size = 2;
  q.page = 3;
  auto last = index.search(q);
  CHECK(last.pages == 3);
  CHECK(last.hits.size() == 1);
  q.page = 9;
  CHECK(index.search(q).hits.empty());
}

TEST_CASE("search: input with no words lists everything, operators are plain words") {
  Index index(corpus());
  // Nothing to search by: every record, newest first, as an empty query gives.
  std::vector<std::string> all = index.urls("");
  REQUIRE(all.size() == 5);
  for (const char* text :
       {"\"", "\"\"", "- - -", "+++", "-", "title:", "so:", ":::", "\"-\"", "((((", "*"}) {
    auto r = index.find(text);
    CHECK_MESSAGE(r.total == 5, text);
    CHECK_MESSAGE(index.urls(text) == all, text);
    CHECK_MESSAGE(!r.relaxed, text);
  }
  // Xapian's operators are not operators here: "and", "or" and "not" are words no record has.
  auto words = index.find("AND OR NOT");
  CHECK(words.total == 0);
  CHECK(words.hits.empty());
  auto in_titles = index.urls("title:nang");
  std::sort(in_titles.begin(), in_titles.end());
  CHECK(in_titles == std::vector<std::string>{"/a/", "/e/"});
  CHECK(search::validate_query_text(std::string(2000, 'a')).find("too long") != std::string::npos);
  CHECK_FALSE(search::validate_query_text(std::string("a\0b", 3)).empty());
  CHECK_FALSE(search::validate_query_text("\xC3").empty());
  CHECK(search::validate_query_text("năng suất").empty());
}

TEST_CASE("search: results name the source commit the index was built from") {
  TempDir dir;
  std::string commit = "0123456789abcdef0123456789abcdef01234567";
  REQUIRE(search::build_index(corpus(), {}, dir.path() / "index", 2, commit).ok());
  auto searcher = search::Searcher::open(dir.path() / "index", {});
  REQUIRE(searcher.ok());
  Query q;
  q.text = "nang suat";
  q.now = at("2023-04-20T09:00:00+07:00");
  auto first = (*searcher)->search(q);
  REQUIRE(first.ok());
  CHECK(first->source_commit == commit);
  REQUIRE(search::build_index(corpus(), {}, dir.path() / "index", 2).ok());  // outside git
  (*searcher)->refresh();
  auto second = (*searcher)->search(q);
  REQUIRE(second.ok());
  CHECK(second->source_commit.empty());
}

TEST_CASE("search: archives are built once and searched with the live index") {
  auto records = corpus();
  Record old = record("/old/", "Thông báo năm 2020 về năng suất", "Đợt cũ.");
  search::Archive archive{"1322-2020", {&old}};
  TempDir dir;
  auto first = search::build_index(records, {archive}, dir.path() / "index", 2);
  REQUIRE(first.ok());
  CHECK(first->archives_built == 1);
  auto second = search::build_index(records, {archive}, dir.path() / "index", 2);
  REQUIRE(second.ok());
  CHECK(second->archives_kept == 1);
  CHECK(second->archives_built == 0);
  auto searcher = search::Searcher::open(dir.path() / "index", {});
  REQUIRE(searcher.ok());
  Query q;
  q.text = "nam 2020";
  q.now = at("2023-04-20T09:00:00+07:00");
  auto r = (*searcher)->search(q);
  REQUIRE(r.ok());
  REQUIRE(r->hits.size() == 1);
  CHECK(r->hits[0].listing.url == "/old/");
  CHECK((*searcher)->document_count() == 6);
}

TEST_CASE("search: a further local database listed as a shard is searched as one") {
  TempDir other;
  auto built = search::build_index({record("/shard/", "Tài liệu ở kho khác", "Nội dung riêng.")},
                                   {}, other.path() / "index", 1);
  REQUIRE(built.ok());
  Index index(corpus(), {}, {(other.path() / "index" / "live").string()});
  CHECK(index.urls("kho khac") == std::vector<std::string>{"/shard/"});
  CHECK(index.searcher->document_count() == 6);
}

TEST_CASE("search: a rebuild switches the index and a searcher follows it") {
  Index index(corpus());
  auto before = index.urls("tài liệu mới");
  CHECK(std::find(before.begin(), before.end(), "/new/") == before.end());
  auto records = corpus();
  records.push_back(record("/new/", "Tài liệu mới", "Mới."));
  REQUIRE(search::build_index(records, {}, index.dir.path() / "index", 2).ok());
  CHECK(index.searcher->refresh());
  CHECK(index.urls("tai lieu moi") == std::vector<std::string>{"/new/"});
  CHECK_FALSE(index.searcher->refresh());
}
