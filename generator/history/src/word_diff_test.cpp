#include <doctest/doctest.h>

#include <random>

#include "gazette/history.hpp"

using gazette::history::DiffPiece;
using gazette::history::word_diff;
using Op = DiffPiece::Op;

namespace {

// The two texts a diff describes: same+removed, and same+added.
std::pair<std::string, std::string> sides(const std::vector<DiffPiece>& pieces) {
  std::string before, after;
  for (const DiffPiece& p : pieces) {
    if (p.op != Op::added) before += p.text;
    if (p.op != Op::removed) after += p.text;
  }
  return {before, after};
}

bool well_formed(const std::vector<DiffPiece>& pieces) {
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i].text.empty()) return false;
    if (i > 0 && pieces[i].op == pieces[i - 1].op) return false;  // merged
    if (i > 0 && pieces[i].op == Op::removed && pieces[i - 1].op == Op::added) return false;
  }
  return true;
}

std::string words(std::mt19937& rng, std::size_t bytes) {
  static const std::vector<std::string> kVocabulary = {
      "Sở",    "Khoa",  "học",  "và",   "Công",  "nghệ", "tỉnh",      "Điện",           "Biên",
      "thông", "báo",   "đề",   "xuất", "nhiệm", "vụ",   "cấp",       "quốc",           "gia",
      "năm",   "2024",  "hồ",   "sơ",   "trước", "ngày", "25/4/2023", "1255/UBND-KGVX", "Chương",
      "trình", "1322,", "(mẫu", "A1)."};
  std::string text;
  while (text.size() < bytes) {
    text += kVocabulary[rng() % kVocabulary.size()];
    text += rng() % 12 == 0 ? ".\n" : " ";
  }
  return text;
}

}  // namespace

TEST_CASE("history: word diff names exactly the changed date in Vietnamese text") {
  auto pieces = word_diff("Trước ngày 25/4/2023", "Trước ngày 30/4/2023");
  REQUIRE(pieces.size() == 3);
  CHECK(pieces[0].op == Op::same);
  CHECK(pieces[0].text == "Trước ngày ");
  CHECK(pieces[1].op == Op::removed);
  CHECK(pieces[1].text == "25/4/2023");
  CHECK(pieces[2].op == Op::added);
  CHECK(pieces[2].text == "30/4/2023");
}

TEST_CASE("history: word diff keeps words whole and punctuation apart") {
  auto number = word_diff("Công văn số 1255/UBND-KGVX.", "Công văn số 1256/UBND-KGVX.");
  REQUIRE(number.size() == 4);
  CHECK(number[1].text == "1255/UBND-KGVX");
  CHECK(number[2].text == "1256/UBND-KGVX");
  CHECK(number[3].text == ".");
  // A changed letter with a diacritic changes the whole word, not a byte of it.
  auto tone = word_diff("nhiệm vụ khoa hoc", "nhiệm vụ khoa học");
  REQUIRE(tone.size() == 3);
  CHECK(tone[1].text == "hoc");
  CHECK(tone[2].text == "học");
  auto added = word_diff("hạn nộp hồ sơ", "hạn nộp hồ sơ, bản giấy");
  REQUIRE(added.size() == 2);
  CHECK(added[1].op == Op::added);
  CHECK(added[1].text == ", bản giấy");
}

TEST_CASE("history: word diff of empty and equal texts") {
  CHECK(word_diff("", "").empty());
  auto same = word_diff("Điện Biên", "Điện Biên");
  REQUIRE(same.size() == 1);
  CHECK(same[0].op == Op::same);
  auto all_new = word_diff("", "Điện Biên");
  REQUIRE(all_new.size() == 1);
  CHECK(all_new[0].op == Op::added);
  CHECK(all_new[0].text == "Điện Biên");
  auto all_gone = word_diff("Điện Biên", "");
  REQUIRE(all_gone.size() == 1);
  CHECK(all_gone[0].op == Op::removed);
}

TEST_CASE("history: word diff reads two replaced neighbouring words as one change") {
  auto pieces = word_diff("gửi Sở Tài chính trước", "gửi Bộ Khoa học trước");
  REQUIRE(pieces.size() == 4);
  CHECK(pieces[1].op == Op::removed);
  CHECK(pieces[1].text == "Sở Tài chính");
  CHECK(pieces[2].text == "Bộ Khoa học");
  CHECK(pieces[3].text == " trước");
}

TEST_CASE("history: word diff rebuilds both texts for many random edits") {
  std::mt19937 rng(1322);
  for (int round = 0; round < 200; ++round) {
    std::string before = words(rng, 50 + rng() % 400);
    std::string after = before;
    for (int edits = static_cast<int>(rng() % 6); edits > 0; --edits) {
      std::size_t at = rng() % (after.size() + 1);
      std::size_t len = std::min<std::size_t>(rng() % 20, after.size() - at);
      after.replace(at, len, words(rng, rng() % 15));
    }
    auto pieces = word_diff(before, after);
    auto [b, a] = sides(pieces);
    REQUIRE(b == before);
    REQUIRE(a == after);
    CHECK(well_formed(pieces));
  }
}

// Correct on large texts; that it stays linear is the word_diff fuzz target's check (scripts/fuzz
// grows each input fourfold and fails at ten times the time), not a clock in a test.
TEST_CASE("history: word diff of 50 KB texts is correct") {
  std::mt19937 rng(2025);
  std::string before = words(rng, 50'000);
  std::string after = before;
  const std::string day = "ngày";
  std::size_t middle = after.find(" " + day + " ", 25'000);
  REQUIRE(middle != std::string::npos);
  after.replace(middle + 1, day.size(), "tháng");
  auto one_word = word_diff(before, after);
  REQUIRE(one_word.size() == 4);
  CHECK(one_word[1].text == "ngày");
  CHECK(one_word[2].text == "tháng");

  std::string other = words(rng, 50'000);  // nothing in common but the words
  auto unrelated = word_diff(before, other);
  auto [b, a] = sides(unrelated);
  CHECK(b == before);
  CHECK(a == other);
  CHECK(well_formed(unrelated));
}
