#include <doctest/doctest.h>

#include "gazette/text.hpp"

using namespace gazette;

TEST_CASE("text: NFC composes decomposed Vietnamese") {
  CHECK(text::nfc("Hoa\xCC\x80") == "Hoà");  // a + combining grave
  CHECK(text::is_nfc("Điện Biên"));
  CHECK_FALSE(text::is_nfc("Hoa\xCC\x80"));
}

TEST_CASE("text: folding removes marks, maps đ to d and reads ƣ as ư") {
  CHECK(text::fold("Năng Suất ĐIỆN BIÊN") == "nang suat dien bien");
  CHECK(text::fold("Đường") == "duong");
  CHECK(text::fold("Chƣơng trình") == "chuong trinh");
  CHECK(text::fold("CHƢƠNG") == "chuong");
  CHECK(text::fold("Hoa\xCC\x80") == "hoa");  // decomposed input folds the same
  CHECK(text::fold("1322/QĐ-TTg") == "1322/qd-ttg");
}

TEST_CASE("text: lower keeps the marks") {
  CHECK(text::lower("ĐIỆN BIÊN") == "điện biên");
  CHECK(text::lower("Chƣơng") == "chƣơng");
}

TEST_CASE("text: old and new tone placement give one canonical syllable") {
  CHECK(text::canonical_syllable("hòa") == text::canonical_syllable("hoà"));
  CHECK(text::canonical_syllable("thủy") == text::canonical_syllable("thuỷ"));
  CHECK(text::canonical_syllable("quý") == text::canonical_syllable("qúy"));
  CHECK(text::canonical_syllable("Hoà") == "hoà");
  CHECK(text::canonical_syllable("đường") == "đường");
  CHECK(text::canonical_syllable("người") == "người");
  CHECK(text::canonical_syllable("khoẻ") == text::canonical_syllable("khỏe"));
  CHECK(text::canonical_syllable("đường") != text::canonical_syllable("dương"));
  CHECK(text::canonical_syllable("nang") == "nang");
  CHECK(text::canonical_syllable("giữa") == "giữa");
}

TEST_CASE("text: slugs are folded ASCII words joined by hyphens") {
  CHECK(text::slugify("Thông báo tuyển chọn") == "thong-bao-tuyen-chon");
  CHECK(text::slugify("  KH&CN -- 2024!  ") == "kh-cn-2024");
  CHECK(text::slugify("Đề xuất nhiệm vụ") == "de-xuat-nhiem-vu");
}

TEST_CASE("text: the ƣ defect is found and repaired") {
  std::string s = "Chƣơng trình CHƢƠNG";
  auto at = text::find_oi(s);
  REQUIRE(at.size() == 2);
  CHECK(at[0] == 2);
  CHECK(text::repair_oi(s) == "Chương trình CHƯƠNG");
}

TEST_CASE("text: Vietnamese collation: Cà Mau, Đà Nẵng, Điện Biên, Hà Nội") {
  std::vector<std::string> names = {"Hà Nội", "Điện Biên", "Đà Nẵng", "Cà Mau", "Bắc Giang"};
  text::sort_names(names);
  CHECK(names == std::vector<std::string>{"Bắc Giang", "Cà Mau", "Đà Nẵng", "Điện Biên", "Hà Nội"});
}

TEST_CASE("text: time zone offsets come from ICU's data") {
  CHECK(text::utc_offset_minutes("Asia/Ho_Chi_Minh", 2023, 4, 25, 17, 0) == 420);
  CHECK(text::utc_offset_minutes("UTC", 2023, 4, 25, 17, 0) == 0);
  CHECK(text::utc_offset_minutes("Mars/Olympus", 2023, 4, 25, 17, 0) == std::nullopt);
  CHECK(text::utc_offset_minutes("Europe/Berlin", 2023, 7, 1, 12, 0) == 120);
  CHECK(text::utc_offset_minutes("Europe/Berlin", 2023, 1, 1, 12, 0) == 60);
  CHECK(text::utc_offset_minutes("Asia/Ho_Chi_Minh", Instant{1682416800, 0}) == 420);
  CHECK(text::utc_offset_minutes("Europe/Berlin", Instant{1688212800, 0}) == 120);
  CHECK(text::utc_offset_minutes("Mars/Olympus", Instant{1688212800, 0}) == std::nullopt);
  CHECK(text::is_known_timezone("Asia/Ho_Chi_Minh"));
  CHECK_FALSE(text::is_known_timezone("Mars/Olympus"));
}
