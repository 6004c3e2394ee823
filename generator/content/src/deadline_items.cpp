// The items of a line for the deadline reader (deadline_items.hpp): folding, tokens, chunks,
// and times and dates written over several words.
#include "deadline_items.hpp"

#include <algorithm>
#include <array>

#include "gazette/text.hpp"

namespace gazette::content::detail::deadlines {

namespace {

Tok tok_of(char c) {
  if (c >= 'a' && c <= 'z') return Tok::word;
  if (c >= '0' && c <= '9') return Tok::number;
  return Tok::symbol;
}

// The value of up to four digits; -1 for more.
int number_of(std::string_view digits) {
  if (digits.size() > 4) return -1;
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

bool is_hour_word(std::string_view w) { return w == "h" || w == "g" || w == "gio"; }

// A date or time written without spaces ("25/4/2023", "2023-04-25", "17h00", "16:30"), a
// document number ("1322/qd-ttg"), or other. `t` are the chunk's tokens without punctuation.
Item classify(const std::string& s, const Token* t, std::size_t n) {
  auto text = [&](std::size_t k) {
    return std::string_view(s).substr(t[k].begin, t[k].end - t[k].begin);
  };
  auto num = [&](std::size_t k, std::size_t lo, std::size_t hi) {
    return k < n && t[k].kind == Tok::number && text(k).size() >= lo && text(k).size() <= hi;
  };
  auto sym = [&](std::size_t k, std::string_view seps) {
    return k < n && t[k].kind == Tok::symbol && text(k).size() == 1 &&
           seps.find(text(k)[0]) != std::string_view::npos;
  };
  Item item{Kind::other, text(0)};
  if (n == 1) {
    item.kind = t[0].kind == Tok::word ? Kind::word : Kind::number;
    return item;
  }
  // D/M, D/M/Y with one separator of / - . ; or Y-M-D.
  if (num(0, 1, 2) && sym(1, "/-.") && num(2, 1, 2) &&
      (n == 3 || (n == 5 && text(3) == text(1) && (num(4, 2, 2) || num(4, 4, 4))))) {
    item = {Kind::date,
            text(0),
            0,
            number_of(text(0)),
            number_of(text(2)),
            n == 5 ? number_of(text(4)) : 0};
    if (item.year > 0 && item.year < 100) item.year += 2000;
  } else if (n == 5 && num(0, 4, 4) && sym(1, "-") && num(2, 1, 2) && sym(3, "-") && num(4, 1, 2)) {
    item = {Kind::date, text(0), 0, number_of(text(4)), number_of(text(2)), number_of(text(0))};
  } else if (num(0, 1, 2) && n <= 4 &&
             ((t[1].kind == Tok::word && is_hour_word(text(1)) && (n == 2 || num(2, 2, 2)) &&
               (n <= 3 || text(3) == "phut" || text(3) == "p")) ||
              (n == 3 && sym(1, ":") && num(2, 2, 2)))) {
    item.kind = Kind::time;
    item.hour = number_of(text(0));
    item.minute = n >= 3 ? number_of(text(2)) : 0;
  } else {
    for (std::size_t k = 0; k < n && item.kind == Kind::other; ++k) {
      if (sym(k, "/") && (k + 1 < n && t[k + 1].kind == Tok::word)) item.kind = Kind::docnum;
    }
  }
  if (item.kind == Kind::date &&
      (item.day < 1 || item.day > 31 || item.month < 1 || item.month > 12)) {
    item.kind = Kind::other;
  }
  if (item.kind == Kind::time && (item.hour > 23 || item.minute > 59)) item.kind = Kind::other;
  return item;
}

bool is_punctuation(const Token& t) { return t.kind == Tok::symbol; }

// One character of a line (its bytes as they come, not checked), folded onto `out`.
void fold_code_point(std::string_view cp, std::string& out) {
  if (cp == "\u00A0" || cp == "\u2009" || cp == "\u202F" || cp == "\u3000") {
    out += ' ';
  } else if (cp == "\u2010" || cp == "\u2011" || cp == "\u2012" || cp == "\u2013" ||
             cp == "\u2014" || cp == "\u2212") {
    out += '-';
  } else {
    text::append_folded(out, cp);
  }
}

// The characters of Vietnamese text beyond ASCII, folded once: U+0080 to U+07FF (two bytes)
// and U+1E00 to U+1EFF (Latin Extended Additional: ạ, ế, ữ...). A line is read one character
// at a time, and every line with a digit of every call is folded.
struct Known {
  std::array<char, 7> bytes{};
  std::uint8_t size = kUnknown;  // a combining mark folds to nothing: 0
  static constexpr std::uint8_t kUnknown = 0xFF;
};
constexpr std::size_t kTwoBytes = 0x800 - 0x80;

const std::vector<Known>& known_table() {
  static const std::vector<Known> kTable = [] {
    std::vector<Known> table(kTwoBytes + 0x100);
    std::string folded;
    for (std::size_t k = 0; k < table.size(); ++k) {
      char32_t c = k < kTwoBytes ? static_cast<char32_t>(0x80 + k)
                                 : static_cast<char32_t>(0x1E00 + (k - kTwoBytes));
      char bytes[3];
      std::size_t size = 0;
      if (c < 0x800) {
        bytes[size++] = static_cast<char>(0xC0 | (c >> 6));
      } else {
        bytes[size++] = static_cast<char>(0xE0 | (c >> 12));
        bytes[size++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      }
      bytes[size++] = static_cast<char>(0x80 | (c & 0x3F));
      std::string_view cp(bytes, size);
      folded.clear();
      fold_code_point(cp, folded);
      if (folded.size() > table[k].bytes.size()) continue;  // left to fold_code_point
      std::copy(folded.begin(), folded.end(), table[k].bytes.begin());
      table[k].size = static_cast<std::uint8_t>(folded.size());
    }
    return table;
  }();
  return kTable;
}

// The folded form of the `n` bytes at `s` if they are one well-formed character of the table.
const Known* known(const unsigned char* s, std::size_t n) {
  auto cont = [](unsigned char b) { return (b & 0xC0) == 0x80; };
  std::size_t k = 0;
  if (n == 2 && s[0] >= 0xC2 && s[0] <= 0xDF && cont(s[1])) {
    k = ((std::size_t{s[0]} & 0x1F) << 6 | (s[1] & 0x3F)) - 0x80;
  } else if (n == 3 && s[0] == 0xE1 && s[1] >= 0xB8 && s[1] <= 0xBB && cont(s[2])) {
    k = kTwoBytes + ((std::size_t{s[1]} & 0x03) << 6 | (s[2] & 0x3F));
  } else {
    return nullptr;
  }
  const Known& entry = known_table()[k];
  return entry.size != Known::kUnknown ? &entry : nullptr;
}

}  // namespace

void fold_line(std::string_view raw, Folded& out) {
  out.chars.clear();
  out.from.clear();
  const auto* s = reinterpret_cast<const unsigned char*>(raw.data());
  for (std::size_t i = 0; i < raw.size();) {
    unsigned char c = s[i];
    if (c < 0x80) {
      out.chars += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      out.from.push_back(static_cast<std::uint32_t>(i));
      ++i;
      continue;
    }
    std::size_t n = std::min<std::size_t>(c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, raw.size() - i);
    if (const Known* k = known(s + i, n)) {
      out.chars.append(k->bytes.data(), k->size);
    } else {
      fold_code_point(raw.substr(i, n), out.chars);
    }
    out.from.resize(out.chars.size(), static_cast<std::uint32_t>(i));
    i += n;
  }
}

void lex(const std::string& s, std::vector<Token>& out) {
  out.clear();
  bool spaced = true;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
      spaced = true;
      ++i;
      continue;
    }
    Tok kind = tok_of(s[i]);
    std::size_t j = i + 1;
    if (kind != Tok::symbol) {
      while (j < s.size() && tok_of(s[j]) == kind) ++j;
    } else {
      while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
    }
    out.push_back({kind, spaced, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)});
    spaced = false;
    i = j;
  }
}

void chunk_items(const Folded& f, const std::vector<Token>& tokens, std::vector<Item>& out) {
  out.clear();
  auto mark = [&](const Token& t) {
    out.push_back(
        {Kind::mark, std::string_view(f.chars).substr(t.begin, t.end - t.begin), f.from[t.begin]});
  };
  for (std::size_t i = 0; i < tokens.size();) {
    std::size_t j = i + 1;
    while (j < tokens.size() && !tokens[j].spaced) ++j;
    std::size_t first = i, last = j;
    while (first < last && is_punctuation(tokens[first])) mark(tokens[first++]);
    while (last > first && is_punctuation(tokens[last - 1])) --last;
    if (first < last) {
      out.push_back(classify(f.chars, &tokens[first], last - first));
      out.back().at = f.from[tokens[first].begin];
    }
    for (std::size_t k = last; k < j; ++k) mark(tokens[k]);
    i = j;
  }
}

bool is_number(const Item& it, int lo, int hi, std::size_t max_digits) {
  if (it.kind != Kind::number || it.text.size() > max_digits) return false;
  int v = number_of(it.text);
  return v >= lo && v <= hi;
}

void join_items(const std::vector<Item>& in, std::vector<Item>& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    auto at = [&](std::size_t k) -> const Item* { return k < in.size() ? &in[k] : nullptr; };
    Item item = in[i];
    if (is_number(item, 0, 23) && at(i + 1) && at(i + 1)->kind == Kind::word &&
        is_hour_word(at(i + 1)->text)) {
      item.kind = Kind::time;
      item.hour = number_of(item.text);
      ++i;
      bool minutes_said = at(i + 2) && (is_word(*at(i + 2), "phut") || is_word(*at(i + 2), "p"));
      if (at(i + 1) && is_number(*at(i + 1), 0, 59) &&
          (at(i + 1)->text.size() == 2 || minutes_said)) {
        item.minute = number_of(at(i + 1)->text);
        ++i;
      }
    } else if (is_number(item, 1, 31) && at(i + 2) && is_word(*at(i + 1), "thang") &&
               is_number(*at(i + 2), 1, 12)) {
      item.kind = Kind::date;
      item.day = number_of(item.text);
      item.month = number_of(at(i + 2)->text);
      i += 2;
      if (at(i + 2) && is_word(*at(i + 1), "nam") && is_number(*at(i + 2), 1000, 9999, 4)) {
        item.year = number_of(at(i + 2)->text);
        i += 2;
      }
    }
    if (item.kind == Kind::time) {
      if (at(i + 1) && (is_word(*at(i + 1), "phut") || is_word(*at(i + 1), "p"))) ++i;
      bool late = at(i + 1) && (is_word(*at(i + 1), "chieu") || is_word(*at(i + 1), "toi"));
      if (late && item.hour < 12) item.hour += 12;
      if (late || (at(i + 1) && is_word(*at(i + 1), "sang"))) ++i;
    }
    out.push_back(item);
  }
}

}  // namespace gazette::content::detail::deadlines
