// Queries read as meant: misspellings corrected by the words and word pairs of the index,
// keystrokes of Telex and VNI typed with the input method off.
#include <doctest/doctest.h>

#include "reading.hpp"
#include "test_index.hpp"

using namespace gazette;
using namespace gazette::search::testing;
using search::Query;
using search::Record;

namespace {

std::vector<Record> words() {
  return {
      record("/ns1/", "Nâng cao năng suất lao động",
             "Chương trình năng suất quốc gia hỗ trợ doanh nghiệp nâng cao năng suất."),
      record("/ns2/", "Năng suất xanh", "Đo lường năng suất trong doanh nghiệp nhỏ và vừa."),
      // "năng" and "xuất" apart, often: what "năng xuất" matched word by word.
      record("/dx1/", "Đề xuất nhiệm vụ năm 2024",
             "Các đơn vị đề xuất nhiệm vụ; năng lực sản xuất; xuất bản; xuất khẩu; đề xuất."),
      record("/dx2/", "Hồ sơ đề xuất", "Đề xuất, xuất trình hồ sơ; năng động; đề xuất."),
      record("/kn/", "Hỗ trợ khởi nghiệp đổi mới sáng tạo",
             "Khởi nghiệp sáng tạo; dự án khởi nghiệp."),
      record("/nv/", "Nhiệm vụ phòng chống dịch",
             "Nhiệm vụ trọng tâm; phòng chống lây nhiễm; nhiễm bệnh; nhiệm kỳ; khởi công."),
      record("/tt/", "Phát triển tài sản trí tuệ", "Sở hữu trí tuệ và tài sản trí tuệ."),
      record("/chi/", "Ý chí và tạp chí", "Tạp chí khoa học; ý chí vươn lên; sở hữu nhà."),
      record("/gh/", "Gia hạn thời gian nhận hồ sơ", "Gia hạn nộp hồ sơ đến hết tháng."),
      record("/dia/", "Địa phương và địa bàn", "Các địa phương; hạn chế; thời hạn."),
      record("/da/", "Ngành da giày", "Da giày xuất khẩu; ra quyết định."),
      record("/nl/", "Nâng cao năng lực", "Năng lực cạnh tranh; năng lực quản lý."),
      record("/lang/", "Di tích lăng mộ", "Lăng mộ; lực lượng."),
      record("/sc/", "Sửa chữa thiết bị", "Sửa chữa, bảo dưỡng máy móc; sửa chữa nhà xưởng."),
      record("/sua/", "Sữa bò tươi", "Chế biến sữa; sữa chua; chữa bệnh."),
      record("/qg/", "Tiêu chuẩn quốc gia", "Hệ thống tiêu chuẩn quốc gia; quốc gia."),
      record("/gai/", "Hoa hồng có gai", "Gai góc; cây gai."),
      record("/db/", "Thông báo của tỉnh Điện Biên", "Tỉnh Điện Biên; biên giới; điện lực."),
      record("/six/", "Lean Six Sigma", "Áp dụng Lean Six Sigma; châu Á."),
      record("/cds/", "Chuyển đổi số", "Chuyển đổi số của doanh nghiệp; mô hình; sổ sách."),
  };
}

struct Read {
  std::string suggestion;
  bool corrected = false;
  std::vector<std::string> urls;
};

Read read(Index& index, const std::string& text, bool as_typed = false) {
  Query q;
  q.text = text;
  q.now = at("2023-04-20T09:00:00+07:00");
  q.as_typed = as_typed;
  auto r = index.search(q);
  Read out{r.suggestion, r.corrected, {}};
  for (const auto& h : r.hits) out.urls.push_back(h.listing.url);
  std::sort(out.urls.begin(), out.urls.end());
  return out;
}

using Urls = std::vector<std::string>;

}  // namespace

TEST_CASE("search: a misspelled word of a common pair is searched as the pair (s/x)") {
  Index index(words());
  auto r = read(index, "năng xuất");  // both words exist, never side by side
  CHECK(r.corrected);
  CHECK(r.suggestion == "năng suất");
  CHECK(r.urls == Urls{"/ns1/", "/ns2/"});  // not the "đề xuất" notices
  auto plain = read(index, "nang xuat");
  CHECK(plain.suggestion == "nang suat");
  CHECK(plain.urls == Urls{"/ns1/", "/ns2/"});
  // As typed, on request: the words where they are.
  auto typed = read(index, "năng xuất", true);
  CHECK_FALSE(typed.corrected);
  CHECK(typed.urls == Urls{"/dx1/", "/dx2/"});
}

TEST_CASE("search: a correction is chosen by the neighbouring word") {
  Index index(words());
  // "nhiep" is one letter from "nhiem" (nhiệm, nhiễm: more frequent) and from "nghiep";
  // only "khoi nghiep" stands together in the index.
  auto r = read(index, "khoi nhiep");
  CHECK(r.suggestion == "khoi nghiep");
  CHECK(r.urls == Urls{"/kn/"});
  CHECK(read(index, "sở hữu chí tuệ").suggestion == "sở hữu trí tuệ");  // ch/tr
  CHECK(read(index, "da hạn").suggestion == "gia hạn");                 // d/gi
  CHECK(read(index, "ra hạn").suggestion == "gia hạn");                 // r/gi
  CHECK(read(index, "lăng lực").suggestion == "năng lực");              // l/n
  auto hoi_nga = read(index, "sữa chữa");                               // hỏi/ngã
  CHECK(hoi_nga.suggestion == "sửa chữa");
  CHECK(hoi_nga.urls == Urls{"/sc/", "/sua/"});  // "sữa" and "chữa" apart: after
  CHECK(index.urls("sữa chữa")[0] == "/sc/");
  CHECK(read(index, "tieu chuan quoc gai").suggestion == "tieu chuan quoc gia");  // swapped
}

TEST_CASE("search: words spelled as the index has them side by side are left as typed") {
  Index index(words());
  // "sô" is no word of the index, but its letters are: found by them, not read as another.
  for (const char* text : {"đề xuất", "năng lực", "sửa chữa", "khởi nghiệp", "quốc gia", "sữa",
                           "xuất", "gai góc", "nang luc san xuat", "chuyen doi sô"}) {
    auto r = read(index, text);
    CHECK_MESSAGE(!r.corrected, std::string(text));
    CHECK_MESSAGE(r.suggestion.empty(), std::string(text));
  }
}

TEST_CASE("search: Telex and VNI keystrokes typed with the input method off are read") {
  Index index(words());
  auto telex = read(index, "nang suaats");
  CHECK(telex.corrected);
  CHECK(telex.suggestion == "nang suất");
  CHECK(telex.urls == Urls{"/ns1/", "/ns2/"});
  CHECK(read(index, "ddieenj bieen").suggestion == "điện biên");
  CHECK(read(index, "ddieenj bieen").urls == Urls{"/db/"});
  CHECK(read(index, "d9ie65n bie6n").suggestion == "điện biên");
  // Words that merely look like keystrokes: in the index ("six" would type "sĩ"), too short
  // ("as" would type "á", which the index has), or no Vietnamese syllable.
  for (const char* text : {"lean six sigma", "as", "sigma"}) {
    CHECK_MESSAGE(read(index, text).suggestion.empty(), std::string(text));
  }
}

TEST_CASE("search: spelling variants are the confusions Vietnamese writers make") {
  using search::detail::spelling_variants;
  auto has = [](std::string_view word, std::string_view variant) {
    auto v = spelling_variants(word);
    return std::find(v.begin(), v.end(), variant) != v.end();
  };
  CHECK(has("xuất", "suất"));
  CHECK(has("suat", "xuat"));
  CHECK(has("chí", "trí"));
  CHECK(has("dia", "gia"));
  CHECK(has("gia", "ra"));
  CHECK(has("da", "gia"));
  CHECK(has("lăng", "năng"));
  CHECK(has("nhiep", "nghiep"));
  CHECK(has("bàn", "bàng"));   // final n/ng
  CHECK(has("các", "cát"));    // final c/t
  CHECK(has("sát", "sáp"));    // final t/p: "sát nhập" for "sáp nhập"
  CHECK(has("nhận", "nhậm"));  // final n/m: "nhận chức" for "nhậm chức"
  CHECK(has("kĩ", "kỹ"));      // i/y
  CHECK(has("sữa", "sửa"));    // hỏi/ngã
  CHECK(has("gai", "gia"));    // two letters swapped
  CHECK(has("suatt", "suat"));
  CHECK_FALSE(has("suat", "suat"));
}

TEST_CASE("search: word pairs are counted every time they are written") {
  // "sữa chữa" written twice, "sửa chữa" n times: corrected when n is more than 20 times 2.
  auto pairs = [](int fixes) {
    std::string body;
    for (int i = 0; i < fixes; ++i) body += "Sửa chữa. ";
    return std::vector<Record>{record("/sc/", "Thiết bị", body),
                               record("/sua/", "Sữa bò", "Sữa chữa bệnh; sữa chữa cháy.")};
  };
  Index often(pairs(41));
  CHECK(read(often, "sữa chữa").suggestion == "sửa chữa");
  Index seldom(pairs(40));
  CHECK(read(seldom, "sữa chữa").suggestion.empty());
}

TEST_CASE("search: the nearest known word, by edits, then by how often it is written") {
  using search::detail::KnownWord;
  using search::detail::nearest_word;
  std::vector<KnownWord> known = {{"suất", 5}, {"suốt", 9}, {"xuất", 7}, {"nghiệp", 3},
                                  {"gia", 4},  {"giá", 4},  {"an", 50}};
  CHECK(nearest_word("suấtt", known) == "suất");      // one edit beats two, however often
  CHECK(nearest_word("sut", known) == "suốt");        // two edits each: the most often written
  CHECK(nearest_word("nghieepj", known).empty());     // Telex keystrokes: too far
  CHECK(nearest_word("ngheiệp", known) == "nghiệp");  // two letters swapped: one edit
  CHECK(nearest_word("gìa", known) == "gia");         // equally near and often: byte order
  CHECK(nearest_word("as", known).empty());           // too short to tell
  CHECK(nearest_word("suất", known) == "suốt");       // not itself: the nearest other
  CHECK(nearest_word("khoa", known).empty());         // nothing within two edits
}
