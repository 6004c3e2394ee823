// gazette text: Unicode work for Vietnamese (ICU inside).
//
//   assert(text::nfc("Hoa\u0300") == "Hoà");
//   assert(text::fold("Năng Suất ĐIỆN BIÊN") == "nang suat dien bien");
//   assert(text::slugify("Thông báo tuyển chọn") == "thong-bao-tuyen-chon");
//   text::Collator vi("vi");
//   assert(vi.less("Cà Mau", "Đà Nẵng"));
//
// Folding is what a reader who types without marks means: lower case, no tone or vowel
// marks, đ → d, and the PDF-extraction defect ƣ (U+01A3) read as ư.
//
// The functions before Collator are written once (src/text_ops.hpp) over a source of Unicode
// data: ICU here, utf8proc in a build without ICU (the browser's search engine), equal on
// every Latin and Vietnamese code point (src/unicode_test.cpp).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/core.hpp"

namespace gazette::text {

/// Unicode Normalization Form C (composed): how all text is stored and compared.
std::string nfc(std::string_view utf8);
/// Whether the text is already NFC (cheap: most text is).
bool is_nfc(std::string_view utf8);
/// Lower case, NFC.
std::string lower(std::string_view utf8);
/// Lower case without marks: "Đường" → "duong", "Chƣơng" → "chuong". Keeps non-letters.
std::string fold(std::string_view utf8);
/// Appends fold(utf8) to out (no allocation per call when out has room).
void append_folded(std::string& out, std::string_view utf8);
/// NFC lower case with the tone mark placed by one rule, so "hoà"/"hòa", "thuỷ"/"thủy" and
/// "quý"/"qúy" are one word. Input: one syllable.
std::string canonical_syllable(std::string_view utf8);
/// A URL slug: folded, ASCII letters and digits joined by single hyphens.
std::string slugify(std::string_view utf8);
/// Replaces ƣ/Ƣ (U+01A3/U+01A2, a PDF-extraction defect) with ư/Ư.
std::string repair_oi(std::string_view utf8);
/// Byte offsets of every ƣ/Ƣ in the text.
std::vector<std::size_t> find_oi(std::string_view utf8);
/// Whether the text holds a character one can see: not only spaces, control, format or
/// zero-width characters (U+200B, U+2060, U+FEFF, bidi controls).
bool has_visible(std::string_view utf8);

/// Locale-aware ordering of names ("Cà Mau" < "Đà Nẵng" < "Điện Biên" in Vietnamese).
/// One instance per thread.
class Collator {
 public:
  explicit Collator(const std::string& locale = "vi");
  ~Collator();
  Collator(Collator&&) noexcept;
  Collator& operator=(Collator&&) noexcept;
  /// A byte string whose plain comparison gives the locale's order.
  std::string sort_key(std::string_view utf8) const;
  bool less(std::string_view a, std::string_view b) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Sorts strings in the locale's order.
void sort_names(std::vector<std::string>& names, const std::string& locale = "vi");

/// Whether ICU knows the IANA zone ("Asia/Ho_Chi_Minh": yes; "Mars/Olympus": no).
bool is_known_timezone(const std::string& zone);
/// UTC offset in minutes of a wall-clock time in an IANA zone ("Asia/Ho_Chi_Minh" → 420);
/// none if the zone is unknown.
std::optional<int> utc_offset_minutes(const std::string& zone, int year, int month, int day,
                                      int hour, int minute);
/// UTC offset in minutes of the zone at an instant; none if the zone is unknown.
std::optional<int> utc_offset_minutes(const std::string& zone, const Instant& at);

}  // namespace gazette::text
