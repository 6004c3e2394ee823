// The items a deadline reader sees in a line of a notice: the line folded (lower case, no marks,
// đ → d, ƣ → u) with the byte each folded byte comes from, cut into tokens, then into words,
// numbers, dates, times, document numbers and marks ("17 giờ 30" and "ngày 25 tháng 4 năm 2023"
// joined into one item each). named_deadlines.cpp reads them; no allocation per line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::content::detail::deadlines {

/// A folded line, with the byte of the raw line each folded byte comes from (for columns).
struct Folded {
  std::string chars;
  std::vector<std::uint32_t> from;
};

enum class Tok : std::uint8_t { word, number, symbol };

/// A run of letters or digits, or a single symbol (a character that is neither).
struct Token {
  Tok kind;
  bool spaced;  // whitespace before it
  std::uint32_t begin, end;
};

enum class Kind : std::uint8_t { word, number, date, time, docnum, mark, other };

/// What the reader sees. A chunk (tokens with no space between them) is one item once the
/// punctuation around it is split off: "(17h00," is a mark, a time and a mark.
struct Item {
  Kind kind;
  std::string_view text;             // folded: the word, the digits, the symbol
  std::uint32_t at = 0;              // byte offset in the raw line
  int day = 0, month = 0, year = 0;  // a date; year 0 when not written
  int hour = 0, minute = 0;          // a time
};

/// Folds `raw` into `out` (cleared first).
void fold_line(std::string_view raw, Folded& out);
/// The tokens of a folded line into `out` (cleared first).
void lex(const std::string& s, std::vector<Token>& out);
/// Items of one folded line, before times and dates written over several words are joined.
void chunk_items(const Folded& f, const std::vector<Token>& tokens, std::vector<Item>& out);
/// Joins "17 giờ 30 phút", "5 giờ chiều" and "ngày 25 tháng 4 năm 2023" into single items.
void join_items(const std::vector<Item>& in, std::vector<Item>& out);

/// A number item of at most `max_digits` digits from `lo` to `hi`.
bool is_number(const Item& it, int lo, int hi, std::size_t max_digits = 2);
inline bool is_word(const Item& it, std::string_view w) {
  return it.kind == Kind::word && it.text == w;
}

}  // namespace gazette::content::detail::deadlines
