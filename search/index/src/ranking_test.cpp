// What a query means beyond its words (dates, abbreviations) and how its matches rank (words
// as typed side by side, open calls first).
#include <doctest/doctest.h>

#include "test_index.hpp"

using namespace gazette;
using namespace gazette::search::testing;
using search::Query;
using search::Record;

namespace {

using Urls = std::vector<std::string>;

Urls sorted(Urls urls) {
  std::sort(urls.begin(), urls.end());
  return urls;
}

std::vector<Record> dated() {
  std::vector<Record> r;
  r.push_back(record("/issued/", "Thông báo tuyển chọn", "Mời các tổ chức tham gia."));
  r.back().listing.issued = {2024, 5, 3};
  r.push_back(record("/due/", "Hướng dẫn hồ sơ", "Hồ sơ gửi về Sở."));
  r.back().listing.issued = {2024, 4, 1};
  r.back().listing.deadline = at("2024-05-03T17:00:00+07:00");
  r.push_back(record("/mention/", "Kế hoạch năm", "Các đơn vị báo cáo trước ngày 3/5/2024."));
  r.back().listing.issued = {2024, 1, 10};
  r.push_back(record("/other-year/", "Thông báo cũ", "Đợt trước."));
  r.back().listing.issued = {2023, 5, 3};
  r.push_back(record("/next-day/", "Thông báo mới", "Đợt sau."));
  r.back().listing.issued = {2024, 5, 4};
  // Due at 00:30 on the 4th in Hà Nội: 17:30 on the 3rd in UTC, and not due on the 3rd.
  r.push_back(record("/after-midnight/", "Hướng dẫn khác", "Hồ sơ gửi về Bộ."));
  r.back().listing.issued = {2024, 4, 1};
  r.back().listing.deadline = at("2024-05-04T00:30:00+07:00");
  return r;
}

}  // namespace

TEST_CASE("search: a date in the query finds what was issued or is due that day") {
  Index index(dated());
  for (const char* text :
       {"3/5/2024", "03/05/2024", "03-05-2024", "03.05.2024", "2024-05-03", "ngày 3/5/2024",
        "ngày 3 tháng 5 năm 2024", "ngay 3 thang 5 nam 2024", "3 tháng 5 năm 2024"}) {
    auto urls = index.urls(text);
    REQUIRE_MESSAGE(urls.size() >= 2, std::string(text));
    CHECK_MESSAGE((sorted({urls[0], urls[1]}) == Urls{"/due/", "/issued/"}), std::string(text));
    for (const auto& u : urls) {
      CHECK_MESSAGE((u == "/due/" || u == "/issued/" || u == "/mention/"), text << ": " << u);
    }
  }
  // The text that names the date is found too, after.
  auto with_text = index.urls("3/5/2024");
  REQUIRE(with_text.size() == 3);
  CHECK(with_text[2] == "/mention/");
  // Without a year: that day of every year.
  for (const char* text : {"ngày 3 tháng 5", "ngày 3/5"}) {
    auto urls = index.urls(text);
    CHECK_MESSAGE(std::find(urls.begin(), urls.end(), "/other-year/") != urls.end(),
                  std::string(text));
    CHECK_MESSAGE(std::find(urls.begin(), urls.end(), "/issued/") != urls.end(), std::string(text));
    CHECK_MESSAGE(std::find(urls.begin(), urls.end(), "/next-day/") == urls.end(),
                  std::string(text));
  }
  // With words: both must match.
  CHECK(index.urls("thông báo 3/5/2024") == Urls{"/issued/"});
  // Without "ngày", "3/5" may be a number or a fraction: only the text that has it.
  CHECK(index.urls("3/5") == Urls{"/mention/"});
}

TEST_CASE("search: abbreviations and the words they stand for find each other") {
  std::vector<Record> r = {
      record("/a1/", "Sở KH&CN tỉnh Lào Cai", "Sở KH&CN thông báo."),
      record("/a2/", "Sở Khoa học và Công nghệ tỉnh Yên Bái", "Thông báo của Sở."),
      record("/a3/", "Nhiệm vụ KHCN cấp tỉnh", "Danh mục nhiệm vụ."),
      record("/b1/", "UBND tỉnh Hà Giang", "Văn bản của UBND."),
      record("/b2/", "Ủy ban nhân dân tỉnh Tuyên Quang", "Văn bản."),
      record("/c1/", "Đại học Quốc gia TP.HCM", "Trường thành viên."),
      record("/c2/", "Thành phố Hồ Chí Minh", "Đơn vị."),
      record("/c3/", "Hội thảo tại TP. Hồ Chí Minh", "Hội thảo."),
      record("/d1/", "Phát triển KT-XH", "Mục tiêu."),
      record("/d2/", "Phát triển kinh tế - xã hội", "Mục tiêu."),
      record("/e1/", "Kinh phí NSNN", "Kinh phí."),
      record("/e2/", "Kinh phí từ ngân sách nhà nước", "Kinh phí."),
      record("/f1/", "Hoạt động ĐMST", "Hoạt động."),
      record("/f2/", "Đổi mới sáng tạo", "Hoạt động."),
      record("/g1/", "Giải thưởng Hồ Chí Minh", "Về tư tưởng."),  // the man, not the city
      record("/h1/", "Chương trình cấp TW", "Triển khai NQ của Đảng."),
      record("/h2/", "Nhiệm vụ cấp Trung ương", "Theo nghị quyết của Quốc hội."),
  };
  Index index(r);
  auto found = [&](const std::string& text) { return sorted(index.urls(text)); };
  for (const char* text : {"KH&CN", "KHCN", "khoa học và công nghệ", "khoa hoc va cong nghe"}) {
    CHECK_MESSAGE((found(text) == Urls{"/a1/", "/a2/", "/a3/"}), std::string(text));
  }
  for (const char* text : {"Sở KH&CN", "sở khoa học và công nghệ", "so khcn"}) {
    CHECK_MESSAGE((found(text) == Urls{"/a1/", "/a2/"}), std::string(text));
  }
  for (const char* text : {"UBND", "ủy ban nhân dân", "uỷ ban nhân dân", "uy ban nhan dan"}) {
    CHECK_MESSAGE((found(text) == Urls{"/b1/", "/b2/"}), std::string(text));
  }
  for (const char* text : {"TP.HCM", "TP HCM", "tphcm", "TP. Hồ Chí Minh", "thành phố Hồ Chí Minh",
                           "tp ho chi minh"}) {
    CHECK_MESSAGE((found(text) == Urls{"/c1/", "/c2/", "/c3/"}), std::string(text));
  }
  for (const char* text : {"KT-XH", "kinh tế xã hội", "kinh te - xa hoi"}) {
    CHECK_MESSAGE((found(text) == Urls{"/d1/", "/d2/"}), std::string(text));
  }
  for (const char* text : {"NSNN", "ngân sách nhà nước"}) {
    CHECK_MESSAGE((found(text) == Urls{"/e1/", "/e2/"}), std::string(text));
  }
  for (const char* text : {"ĐMST", "dmst", "đổi mới sáng tạo"}) {
    CHECK_MESSAGE((found(text) == Urls{"/f1/", "/f2/"}), std::string(text));
  }
  CHECK(found("Hồ Chí Minh") == Urls{"/c2/", "/c3/", "/g1/"});
  for (const char* text : {"TW", "trung ương", "trung uong"}) {
    CHECK_MESSAGE((found(text) == Urls{"/h1/", "/h2/"}), std::string(text));
  }
  for (const char* text : {"NQ", "nghị quyết"}) {
    CHECK_MESSAGE((found(text) == Urls{"/h1/", "/h2/"}), std::string(text));
  }
  CHECK(found("KH và CN") == Urls{"/a1/", "/a2/", "/a3/"});
}

TEST_CASE("search: words typed with marks rank first where they stand side by side as typed") {
  // The same words in both: folded, "nang suat" stands together in each; as typed, "năng
  // suất" only in /as-typed/ (added second, so the order is not the order of adding). Each
  // writes "suất" one way only: the index keeps its folded positions alone.
  Index index({record("/folded/", "Năng cao nâng suất", "Năng cao nâng suất."),
               record("/as-typed/", "Nâng cao năng suất", "Nâng cao năng suất.")});
  CHECK(index.urls("năng suất") == Urls{"/as-typed/", "/folded/"});
  CHECK(index.urls("nâng suất") == Urls{"/folded/", "/as-typed/"});
  CHECK(index.urls("năng cao") == Urls{"/folded/", "/as-typed/"});
}

TEST_CASE(
    "search: a word typed with marks stands as typed where its document also writes it plain") {
  // Both write "sầu" once and "sau" once (the same terms, as often): side by side with
  // "riêng" is "sầu" in /as-typed/, "sau" in /folded/. The index keeps the positions of
  // "sầu" of its own in each: its folded word's are not all of it.
  Index index({record("/folded/", "Cây trồng", "Trồng sau riêng, như sầu."),
               record("/as-typed/", "Cây trồng", "Trồng sầu riêng, như sau.")});
  CHECK(index.urls("sầu riêng") == Urls{"/as-typed/", "/folded/"});
}

namespace {

std::vector<Record> calls() {
  std::vector<Record> r;
  // Closed calls that say "năng suất" five times; one open call that says it once.
  for (int i = 1; i <= 5; ++i) {
    r.push_back(record("/closed" + std::to_string(i) + "/", "Thông báo số " + std::to_string(i),
                       "Năng suất, năng suất, năng suất lao động; năng suất và năng suất."));
    r.back().listing.deadline = at("2023-04-10T17:00:00+07:00");
  }
  r.push_back(
      record("/open/", "Thông báo đề xuất nhiệm vụ", "Hỗ trợ nâng cao năng suất lao động."));
  r.back().listing.deadline = at("2023-04-25T17:00:00+07:00");
  // Neither opened yet nor still standing: no open call.
  r.push_back(record("/upcoming/", "Thông báo sắp mở", "Hỗ trợ nâng cao năng suất."));
  r.back().listing.opens = at("2023-04-22T08:00:00+07:00");
  r.back().listing.deadline = at("2023-05-30T17:00:00+07:00");
  r.push_back(record("/withdrawn/", "Thông báo đã rút", "Hỗ trợ nâng cao năng suất."));
  r.back().listing.deadline = at("2023-04-28T17:00:00+07:00");
  r.back().listing.withdrawn = true;
  return r;
}

}  // namespace

TEST_CASE("search: an open call ranks above closed calls that repeat the words more often") {
  Index index(calls());
  for (const char* text : {"nang suat", "năng suất", "năng suất lao động"}) {
    auto r = index.find(text);
    REQUIRE_MESSAGE(!r.hits.empty(), std::string(text));
    CHECK_MESSAGE(r.hits[0].listing.url == "/open/", std::string(text));
    CHECK_MESSAGE(r.open == 1, std::string(text));  // how many of the matches are open
  }
  // Not opened yet, or withdrawn: no bonus, and not counted as open.
  auto urls = index.urls("nang suat");
  auto rank = [&](const char* u) { return std::find(urls.begin(), urls.end(), u) - urls.begin(); };
  CHECK(rank("/upcoming/") > rank("/closed5/"));
  CHECK(rank("/withdrawn/") > rank("/closed5/"));
  // Counted the same with the facets, and by the open facet.
  auto with_facets = index.find("nang suat", true);
  CHECK(with_facets.open == 1);
  CHECK(with_facets.open_exact);
  bool facet = false;
  for (const auto& f : with_facets.facets) {
    if (f.name != "open") continue;
    facet = true;
    // Closed: the five past their deadline and the withdrawn one (as its page says).
    CHECK(f.values == std::vector<std::pair<std::string, std::size_t>>{{"open", 1}, {"closed", 6}});
  }
  CHECK(facet);
  // A week later every call is closed: decided by the query's clock, not the build's.
  Query later;
  later.text = "nang suat";
  later.now = at("2023-06-01T09:00:00+07:00");
  auto closed = index.search(later);
  CHECK(closed.open == 0);
  CHECK(closed.hits[0].listing.url != "/open/");
}

TEST_CASE("search: a closed call far more relevant stays above an open one") {
  std::vector<Record> r;
  r.push_back(record("/closed/", "Năng suất chất lượng", "Năng suất chất lượng sản phẩm."));
  r.back().listing.deadline = at("2023-04-10T17:00:00+07:00");
  r.push_back(record("/open/", "Thông báo", "Năng lực doanh nghiệp; cung cấp suất ăn."));
  r.back().listing.deadline = at("2023-04-25T17:00:00+07:00");
  Index index(r);
  CHECK(index.urls("năng suất") == Urls{"/closed/", "/open/"});
}

TEST_CASE("search: open calls are counted right when archives are searched with the live index") {
  // Archived rounds interleave their records with the live ones: the count must not mix up
  // which database a match came from.
  std::vector<Record> live;
  for (int i = 1; i <= 4; ++i) {
    live.push_back(
        record("/closed" + std::to_string(i) + "/", "Thông báo năng suất", "Hỗ trợ năng suất."));
    live.back().listing.deadline = at("2023-04-10T17:00:00+07:00");
  }
  live.push_back(record("/open/", "Thông báo năng suất", "Hỗ trợ năng suất."));
  live.back().listing.deadline = at("2023-04-25T17:00:00+07:00");
  std::vector<Record> old;
  for (int i = 1; i <= 3; ++i) {
    old.push_back(record("/old" + std::to_string(i) + "/", "Năng suất năm 2020", "Năng suất."));
    old.back().listing.deadline = at("2020-05-10T17:00:00+07:00");
  }
  Record old_open = record("/old-open/", "Năng suất năm 2020", "Năng suất, vẫn mở.");
  old_open.listing.deadline = at("2023-05-10T17:00:00+07:00");
  std::vector<search::Archive> archives = {{"2020-a", {&old[0], &old[1]}},
                                           {"2020-b", {&old[2], &old_open}}};
  Index index(live, archives);
  auto r = index.find("nang suat");
  REQUIRE(r.total == 9);
  CHECK(r.open == 2);
  CHECK(r.open_exact);
  auto with_facets = index.find("nang suat", true);
  CHECK(with_facets.open == 2);
}
