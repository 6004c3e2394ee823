// How text becomes terms, shared by the indexer, the query parser and the snippets, so that
// the three always agree.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "gazette/core.hpp"

namespace gazette::search::detail {

// Term prefixes (Xapian's convention: upper-case letters before a lower-case term).
// A word is indexed twice: folded with its positions ("Fnang" for năng, nâng, nang…: a word
// typed without marks is one term, phrases are checked once), and as written (a word typed
// with marks ranks its exact form first, standing beside the next one as typed higher still);
// as written with positions only in a document that writes the folded word in more than one
// way, elsewhere the folded word's positions are its own.
/// Longer tokens are not indexed (a hash, a run of digits), nor read as another word.
inline constexpr std::size_t kLongestWord = 64;

inline constexpr const char* kFolded = "F";
inline constexpr const char* kConcept = "C";  // an abbreviation or the words it stands for
inline constexpr const char* kTitle = "S";    // a word of the title, folded
inline constexpr const char* kNumber = "N";   // a whole document number, folded
inline constexpr const char* kKind = "K";
inline constexpr const char* kProgram = "P";
inline constexpr const char* kRound = "R";
inline constexpr const char* kProvince = "XP";
inline constexpr const char* kIssuer = "XI";
inline constexpr const char* kSubmitter = "XS";
inline constexpr const char* kLead = "XL";
inline constexpr const char* kWithdrawn = "W";
// The day a record was issued and the day it is due (its deadline's own date), as
// "2024-05-03" and, for a date written without its year, "05-03".
inline constexpr const char* kIssuedDay = "XDI";
inline constexpr const char* kDueDay = "XDD";

// Value slots.
inline constexpr Xapian::valueno kIssuedSlot = 0;        // days since 1970, sortable
inline constexpr Xapian::valueno kDeadlineSlot = 1;      // epoch seconds, sortable; absent if none
inline constexpr Xapian::valueno kDeadlineSortSlot = 2;  // as above, "\xff" when none
inline constexpr Xapian::valueno kOpensSlot = 3;
inline constexpr Xapian::valueno kKindSlot = 4;
inline constexpr Xapian::valueno kProgramSlot = 5;
inline constexpr Xapian::valueno kRoundSlot = 6;
inline constexpr Xapian::valueno kProvinceSlot = 7;
inline constexpr Xapian::valueno kIssuerSlot = 8;
inline constexpr Xapian::valueno kCallSlot = 9;  // a call's state: call_state_value()

// Database metadata: the source commit the index was built from.
inline constexpr const char* kSourceCommitKey = "source_commit";
// Database metadata: how often two words stand side by side in titles and bodies ("năng
// suất"), folded ("pair:nang suat") and as written ("pair=năng suất"): spelling suggestions
// weigh a word by its neighbours. Summed when parts are merged.
inline constexpr std::string_view kFoldedPairKey = "pair:";
inline constexpr std::string_view kExactPairKey = "pair=";

/// A word of the text: letters (with their marks) and digits.
struct Token {
  std::string_view text;
  std::size_t offset = 0;  // byte offset in the text
  bool ascii = true;
};

/// Calls fn(Token) for each word of `text`, in order.
template <typename Fn>
void for_each_token(std::string_view text, Fn&& fn);

bool is_word_code_point(char32_t c);

/// The exact and folded forms of a word; remembers the words it has seen (a language has
/// a few thousand syllables, so nearly every lookup is a hit). One per thread.
class TermCache {
 public:
  /// {exact (lower case, canonical tone placement), folded}
  const std::pair<std::string, std::string>& forms(std::string_view word, bool ascii);

 private:
  // Looked up by string_view without making a string (C++20 heterogeneous lookup).
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::pair<std::string, std::string>, Hash, std::equal_to<>>
      cache_;
  std::pair<std::string, std::string> scratch_;
};

/// A filter value as a term: folded and slugged ("Điện Biên" → "dien-bien").
std::string filter_key(std::string_view value);
/// A document number as one term: folded, no spaces ("1322/QĐ-TTg" → "1322/qd-ttg").
std::string number_key(std::string_view number);
/// Whether a query chunk looks like a document number ("1322/QĐ-TTg", "15/2022/TT-BKHCN").
bool looks_like_number(std::string_view chunk);
/// A call's deadline, opening and withdrawal in one value: open_at() reads it for any
/// moment, so counting the open calls among matches reads one value per match.
std::string call_state_value(Instant deadline, std::optional<Instant> opens, bool withdrawn);
/// Whether the call of call_state_value `value` is open at `now` ("" is no call).
bool open_at(std::string_view value, std::int64_t now);
/// Whether it is closed at `now`: its deadline has passed, or it was withdrawn or replaced.
bool closed_at(std::string_view value, std::int64_t now);
/// The day terms of a date: "2024-05-03" and "05-03".
std::string day_key(const Date& date);
std::string month_day_key(int month, int day);

// ---------------------------------------------------------------------------

inline bool is_word_code_point(char32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  // Latin letters with marks, combining marks, and other scripts' letters.
  if (c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7) return true;
  if (c >= 0x0300 && c <= 0x036F) return true;
  if (c >= 0x1E00 && c <= 0x1EFF) return true;
  return c >= 0x0370 && !(c >= 0x2000 && c <= 0x2BFF) && !(c >= 0x3000 && c <= 0x303F) &&
         c != 0xFEFF && !(c >= 0xFE00 && c <= 0xFE0F) && !(c >= 0xFF00 && c <= 0xFF0F);
}

template <typename Fn>
void for_each_token(std::string_view text, Fn&& fn) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t word_start = std::string_view::npos;
  bool ascii = true;
  for (std::size_t i = 0; i < n;) {
    unsigned char b = s[i];
    std::size_t len = b < 0x80         ? 1
                      : (b >> 5) == 6  ? 2
                      : (b >> 4) == 14 ? 3
                      : (b >> 3) == 30 ? 4
                                       : 1;
    if (i + len > n) len = 1;
    char32_t c = b;
    if (len == 2) c = ((b & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
    if (len == 3) c = ((b & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
    if (len == 4) {
      c = ((b & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) |
          (s[i + 3] & 0x3Fu);
    }
    if (is_word_code_point(c)) {
      if (word_start == std::string_view::npos) {
        word_start = i;
        ascii = true;
      }
      if (len > 1) ascii = false;
    } else if (word_start != std::string_view::npos) {
      fn(Token{text.substr(word_start, i - word_start), word_start, ascii});
      word_start = std::string_view::npos;
    }
    i += len;
  }
  if (word_start != std::string_view::npos) {
    fn(Token{text.substr(word_start), word_start, ascii});
  }
}

}  // namespace gazette::search::detail
