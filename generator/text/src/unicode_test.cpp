// The text functions over utf8proc's data equal those over ICU's: the browser's search
// engine (built without ICU) reads queries as the server does.
#include <doctest/doctest.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "text_ops.hpp"

using namespace gazette::text::detail;

namespace {

using Icu = TextOps<IcuUnicode>;
using Portable = TextOps<Utf8procUnicode>;

std::string hex(char32_t c) {
  std::array<char, 16> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "U+%04X", static_cast<unsigned>(c));
  return buffer.data();
}

bool is_surrogate(char32_t c) { return c >= 0xD800 && c <= 0xDFFF; }

std::string utf8(char32_t c) {
  std::string s;
  append_utf8(s, c);
  return s;
}

// The blocks Vietnamese and other Latin-script text is written in: Basic Latin to IPA
// Extensions, the combining marks, Latin Extended Additional (the Vietnamese letters),
// Latin Extended-C, -D and -E, and the full-width forms.
std::vector<char32_t> latin_code_points() {
  std::vector<char32_t> all;
  for (auto [from, to] : {std::pair<char32_t, char32_t>{0x0000, 0x036F},
                          {0x1E00, 0x1EFF},
                          {0x2C60, 0x2C7F},
                          {0xA720, 0xA7FF},
                          {0xAB30, 0xAB6F},
                          {0xFF00, 0xFFEF}}) {
    for (char32_t c = from; c <= to; ++c) all.push_back(c);
  }
  return all;
}

// Letters a mark can sit on: every letter of those blocks.
std::vector<char32_t> latin_letters() {
  std::vector<char32_t> letters;
  for (char32_t c : latin_code_points()) {
    if (c >= 0x0300 && c <= 0x036F) continue;
    if (IcuUnicode::is_graph(c) && IcuUnicode::to_lower(c) != c) letters.push_back(c);
    if (IcuUnicode::is_lower(c)) letters.push_back(c);
  }
  return letters;
}

// Counts the strings on which the two builds' functions differ, with the first few.
struct Differences {
  std::size_t count = 0;
  std::string first;

  void check(const std::string& in) {
    auto same = [&](const char* name, const std::string& a, const std::string& b) {
      if (a == b) return;
      if (++count <= 5) first += std::string(name) + "(" + in + "): " + a + " / " + b + "\n";
    };
    same("nfc", Icu::nfc(in), Portable::nfc(in));
    same("is_nfc", Icu::is_nfc(in) ? "yes" : "no", Portable::is_nfc(in) ? "yes" : "no");
    same("lower", Icu::lower(in), Portable::lower(in));
    same("fold", Icu::fold(in), Portable::fold(in));
    same("canonical_syllable", Icu::canonical_syllable(in), Portable::canonical_syllable(in));
    same("has_visible", Icu::has_visible(in) ? "yes" : "no",
         Portable::has_visible(in) ? "yes" : "no");
  }
};

}  // namespace

TEST_CASE("text: utf8proc's case, category and decomposition equal ICU's on every code point") {
  std::size_t differ = 0;
  std::string first;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (is_surrogate(c)) continue;
    bool same = IcuUnicode::to_lower(c) == Utf8procUnicode::to_lower(c) &&
                IcuUnicode::is_lower(c) == Utf8procUnicode::is_lower(c) &&
                IcuUnicode::is_graph(c) == Utf8procUnicode::is_graph(c) &&
                IcuUnicode::decompose(c) == Utf8procUnicode::decompose(c);
    if (!same && ++differ <= 5) first += hex(c) + " ";
  }
  CHECK_MESSAGE(differ == 0, first);
}

TEST_CASE(
    "text: without ICU, every function gives ICU's answer on each Latin and Vietnamese code "
    "point") {
  Differences d;
  std::size_t checked = 0;
  for (char32_t c : latin_code_points()) {
    d.check(utf8(c));
    d.check("a" + utf8(c) + "n");  // inside a word
    checked += 2;
  }
  CHECK(checked > 3000);
  CHECK_MESSAGE(d.count == 0, d.first);
}

TEST_CASE("text: without ICU, a letter followed by marks, in any order, reads as with ICU") {
  std::vector<char32_t> letters = latin_letters();
  REQUIRE(letters.size() > 500);
  Differences d;
  std::size_t checked = 0;
  for (char32_t letter : letters) {
    for (char32_t mark = 0x0300; mark <= 0x036F; ++mark) {
      d.check(utf8(letter) + utf8(mark));
      ++checked;
    }
    // A quality mark (circumflex, breve, horn) and a tone mark, both orders, as typed with
    // a decomposing keyboard.
    for (char32_t quality : {char32_t{0x0302}, char32_t{0x0306}, char32_t{0x031B}}) {
      for (char32_t tone : kToneMarks) {
        d.check(utf8(letter) + utf8(quality) + utf8(tone));
        d.check(utf8(letter) + utf8(tone) + utf8(quality));
        d.check("ng" + utf8(letter) + utf8(tone) + "i" + utf8(quality) + "n");
        checked += 3;
      }
    }
  }
  CHECK(checked > 50000);
  CHECK_MESSAGE(d.count == 0, d.first);
}

TEST_CASE("text: without ICU, the seed notices read word for word as with ICU") {
  const char* source = std::getenv("GAZETTE_SOURCE_DIR");  // set by ctest
  std::string dir = std::string(source ? source : ".") + "/content";
  std::size_t words = 0;
  Differences d;
  for (const char* file : {"/notices/2023/de-xuat-nhiem-vu-ct1322-nam-2024-dien-bien.md",
                           "/guidance/2025/de-xuat-nhiem-vu-ct1322-thuc-hien-tu-nam-2026.md"}) {
    std::ifstream in(dir + file);
    std::stringstream text;
    text << in.rdbuf();
    std::istringstream split(text.str());
    for (std::string word; split >> word; ++words) d.check(word);
    d.check(text.str());
  }
  CHECK(words > 500);
  CHECK_MESSAGE(d.count == 0, d.first);
}

TEST_CASE("text: UTF-8 is decoded as ICU decodes it, ill-formed bytes included") {
  // Every sequence of one, two and three bytes; four-byte ones from each lead byte.
  auto icu_next = [](const std::string& s, std::size_t i) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
    auto length = static_cast<int32_t>(s.size());
    auto at = static_cast<int32_t>(i);
    UChar32 c = 0;
    U8_NEXT(bytes, at, length, c);
    return std::make_pair(c < 0 ? kReplacement : static_cast<char32_t>(c),
                          static_cast<std::size_t>(at) - i);
  };
  std::size_t differ = 0, checked = 0;
  auto compare = [&](const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
      Decoded ours = decode_utf8(s, i);
      auto theirs = icu_next(s, i);
      if (ours.c != theirs.first || ours.length != theirs.second) ++differ;
      i += theirs.second;
    }
    ++checked;
  };
  std::string s(3, '\0');
  for (int a = 0; a < 256; ++a) {
    compare(std::string(1, static_cast<char>(a)));
    for (int b = 0; b < 256; ++b) {
      compare(std::string{static_cast<char>(a), static_cast<char>(b)});
      if (a < 0xE0) continue;  // a lead byte of three or four
      for (int c = 0; c < 256; ++c) {
        s[0] = static_cast<char>(a);
        s[1] = static_cast<char>(b);
        s[2] = static_cast<char>(c);
        compare(s);
        if (a >= 0xF0 && (c & 0x0F) == 0) {
          for (int e : {0x00, 0x7F, 0x80, 0xBF, 0xC0}) compare(s + static_cast<char>(e));
        }
      }
    }
  }
  CHECK(checked > 2000000);
  CHECK(differ == 0);
}
