// Finds the deadlines a text names with a small reader instead of patterns: each line is folded
// (lower case, no marks, đ → d, ƣ → u), cut into words, numbers, dates and times, and read left
// to right with the words that make a date a deadline ("thời hạn", "trước", "chậm nhất", "đến
// hết ngày") or not one (a cited document's date, results, meetings, the start of a range). One
// pass per line and no allocation per line: it reads every line of every call of a site.
#include "named_deadlines.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "gazette/text.hpp"

namespace gazette::content::detail {

namespace {

// ---------------------------------------------------------------------------------------------
// Folding, with the byte of the line each folded byte comes from (for columns).

struct Folded {
  std::string chars;
  std::vector<std::uint32_t> from;
};

void fold_line(std::string_view raw, Folded& out) {
  out.chars.clear();
  out.from.clear();
  for (std::size_t i = 0; i < raw.size();) {
    auto c = static_cast<unsigned char>(raw[i]);
    std::size_t n = std::min<std::size_t>(c < 0x80   ? 1
                                          : c < 0xE0 ? 2
                                          : c < 0xF0 ? 3
                                                     : 4,
                                          raw.size() - i);
    std::string_view cp = raw.substr(i, n);
    if (n == 1) {
      out.chars += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    } else if (cp == "\u00A0" || cp == "\u2009" || cp == "\u202F" || cp == "\u3000") {
      out.chars += ' ';
    } else if (cp == "\u2010" || cp == "\u2011" || cp == "\u2012" || cp == "\u2013" ||
               cp == "\u2014" || cp == "\u2212") {
      out.chars += '-';
    } else {
      text::append_folded(out.chars, cp);
    }
    out.from.resize(out.chars.size(), static_cast<std::uint32_t>(i));
    i += n;
  }
}

// ---------------------------------------------------------------------------------------------
// Tokens: runs of letters or digits, and single symbols (a character that is neither).

enum class Tok : std::uint8_t { word, number, symbol };

struct Token {
  Tok kind;
  bool spaced;  // whitespace before it
  std::uint32_t begin, end;
};

Tok tok_of(char c) {
  if (c >= 'a' && c <= 'z') return Tok::word;
  if (c >= '0' && c <= '9') return Tok::number;
  return Tok::symbol;
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

// ---------------------------------------------------------------------------------------------
// Items: what the reader sees. A chunk (tokens with no space between them) is one item once
// the punctuation around it is split off: "(17h00," is a mark, a time and a mark.

enum class Kind : std::uint8_t { word, number, date, time, docnum, mark, other };

struct Item {
  Kind kind;
  std::string_view text;             // folded: the word, the digits, the symbol
  std::uint32_t at = 0;              // byte offset in the raw line
  int day = 0, month = 0, year = 0;  // a date; year 0 when not written
  int hour = 0, minute = 0;          // a time
};

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

// Items of one folded line, before times and dates written over several words are joined.
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

bool is_number(const Item& it, int lo, int hi, std::size_t max_digits = 2) {
  if (it.kind != Kind::number || it.text.size() > max_digits) return false;
  int v = number_of(it.text);
  return v >= lo && v <= hi;
}

bool is_word(const Item& it, std::string_view w) { return it.kind == Kind::word && it.text == w; }

// Joins "17 giờ 30 phút", "5 giờ chiều" and "ngày 25 tháng 4 năm 2023" into single items.
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

// ---------------------------------------------------------------------------------------------
// Reading: words and phrases that decide what the next date is.

// What the word before a date says of it.
enum class Cue : std::uint8_t { none, before, to, from, citation };
// What the clause is about.
enum class Topic : std::uint8_t { none, submission, other };

// What a phrase does to the clause.
struct Effect {
  bool arms = false;    // a deadline word: the clause's next date is its deadline
  Cue cue = Cue::none;  // what it says of a date right after it
  Topic topic = Topic::none;
  bool filler = false;  // stands between a cue and its date: "trước ngày", "chậm nhất là"
};

constexpr Topic kSub = Topic::submission;
constexpr Topic kOther = Topic::other;

// Folded phrases, | between them, and what they do.
constexpr std::pair<std::string_view, Effect> kPhrases[] = {
    {"thoi han|han chot|han cuoi|het han|deadline|ngay cuoi cung", {true}},
    {"han nop|han nhan|han gui|han dang ky|ket thuc nhan|thoi gian nhan|thoi gian nop|"
     "thoi gian gui|thoi gian tiep nhan|thoi gian dang ky",
     {true, Cue::none, kSub}},
    {"cham nhat|muon nhat", {true, Cue::before}},
    // Right before a date.
    {"truoc", {false, Cue::before}},
    {"den het|den", {false, Cue::to}},
    {"tu|ke tu|sau", {false, Cue::from}},
    {"quyet dinh|cong van|thong tu|nghi dinh|nghi quyet|chi thi|van ban|to trinh|luat|"
     "thong bao so|ke hoach so",
     {false, Cue::citation}},
    // What the clause is about: sending something in, or another event.
    {"nop|gui|nhan|tiep nhan|dang ky|ho so|de xuat|du tuyen|du thi", {false, Cue::none, kSub}},
    {"ca nhan|nhan dan", {}},
    {"ket qua|cong bo|cuoc hop|phien hop|ky hop|buoi hop|hop hoi dong|hop xet|hoi nghi|hoi thao|"
     "khai mac|thuc hien|hieu luc|phe duyet|trung tuyen|nghiem thu",
     {false, Cue::none, kOther}},
    // Between a cue and its date.
    {"ngay|mung|la|vao|luc|hom|so|thu hai|thu ba|thu tu|thu nam|thu sau|thu bay|chu nhat",
     {false, Cue::none, Topic::none, true}},
};

struct Phrase {
  std::vector<std::string_view> words;
  Effect effect;
};

// The phrases by the first letter of their first word: a word is tried against a few.
const std::array<std::vector<Phrase>, 26>& phrases_by_letter() {
  static const auto table = [] {
    std::array<std::vector<Phrase>, 26> t;
    for (const auto& [list, effect] : kPhrases) {
      for (std::size_t at = 0; at < list.size();) {
        std::size_t end = std::min(list.find('|', at), list.size());
        Phrase p{{}, effect};
        for (std::size_t w = at; w < end;) {
          std::size_t space = std::min(list.find(' ', w), end);
          p.words.push_back(list.substr(w, space - w));
          w = space + 1;
        }
        t[static_cast<std::size_t>(p.words[0][0] - 'a')].push_back(std::move(p));
        at = end + 1;
      }
    }
    return t;
  }();
  return table;
}

// The longest phrase starting at items[i], and how many items it covers.
const Phrase* phrase_at(const std::vector<Item>& items, std::size_t i, std::size_t& length) {
  const Phrase* best = nullptr;
  length = 0;
  char first = items[i].text[0];  // words are a-z
  for (const Phrase& p : phrases_by_letter()[static_cast<std::size_t>(first - 'a')]) {
    std::size_t k = 0;
    while (k < p.words.size() && i + k < items.size() && is_word(items[i + k], p.words[k])) ++k;
    if (k == p.words.size() && k > length) {
      best = &p;
      length = k;
    }
  }
  return best;
}

struct TimeAt {
  int hour, minute, line, column;
};

// The state of the clause being read (up to ; or the end of a sentence or paragraph).
struct Clause {
  bool armed = false;  // a deadline word waits for its date
  bool range = false;  // the last date began a range: "-" ends it
  Topic topic = Topic::none;
  Cue cue = Cue::none;         // said right before the next date
  std::optional<TimeAt> time;  // a time right before the next date
};

class Reader {
 public:
  Reader(const Date& issued, std::vector<NamedDeadline>& found) : issued_(issued), found_(found) {}

  void start_paragraph() { clause_ = {}; }

  void read_line(const std::vector<Item>& items, int line) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Item& it = items[i];
      switch (it.kind) {
        case Kind::word:
          i += read_words(items, i) - 1;
          break;
        case Kind::mark:
          read_mark(it.text);
          break;
        case Kind::time:
          clause_.time = TimeAt{it.hour, it.minute, line, int(it.at) + 1};
          break;
        case Kind::date:
          read_date(items, i, line);
          break;
        case Kind::docnum:
          clause_.cue = Cue::citation;
          break;
        case Kind::number:
        case Kind::other:
          clause_.cue = Cue::none;
          clause_.time.reset();
          break;
      }
    }
  }

 private:
  std::size_t read_words(const std::vector<Item>& items, std::size_t i) {
    std::size_t length = 0;
    const Phrase* p = phrase_at(items, i, length);
    if (p && p->effect.filler) return length;
    clause_.cue = p ? p->effect.cue : Cue::none;
    clause_.time.reset();
    if (!p) return 1;
    if (p->effect.arms) clause_.armed = true;
    if (p->effect.topic != Topic::none) clause_.topic = p->effect.topic;
    return length;
  }

  void read_mark(std::string_view m) {
    if (m == ";" || m == "." || m == "!" || m == "?") {
      clause_ = {};
    } else if (m == "-" && clause_.range) {
      clause_.cue = Cue::to;
    }
  }

  void read_date(const std::vector<Item>& items, std::size_t i, int line);
  void add(const Item& date, const std::optional<TimeAt>& time, int line);

  const Date& issued_;
  std::vector<NamedDeadline>& found_;
  Clause clause_;
};

// Whether the date at items[i] begins a range: "25/4 - 30/4", "ngày 25/4 đến ngày 30/4".
bool begins_range(const std::vector<Item>& items, std::size_t i) {
  std::size_t k = i + 1;
  if (k >= items.size()) return false;
  if (!(items[k].kind == Kind::mark && items[k].text == "-") && !is_word(items[k], "den")) {
    return false;
  }
  for (++k; k < items.size() && k <= i + 5; ++k) {
    if (items[k].kind == Kind::date) return true;
    bool filler = is_word(items[k], "het") || is_word(items[k], "ngay") ||
                  is_word(items[k], "truoc") || items[k].kind == Kind::time;
    if (!filler) return false;
  }
  return false;
}

// A time written after its date: "ngày 25/4/2023 lúc 16h00", "25/4/2023, 17 giờ".
std::optional<TimeAt> time_after(const std::vector<Item>& items, std::size_t i, int line) {
  for (std::size_t k = i + 1; k < items.size() && k <= i + 3; ++k) {
    const Item& it = items[k];
    if (it.kind == Kind::time) {
      // Not the time of the next date: "ngày 6/5 đến 17 giờ ngày 25/5".
      const Item* next = k + 1 < items.size() ? &items[k + 1] : nullptr;
      if (next && (next->kind == Kind::date || is_word(*next, "ngay"))) return std::nullopt;
      return TimeAt{it.hour, it.minute, line, int(it.at) + 1};
    }
    bool between = (it.kind == Kind::mark && (it.text == "," || it.text == "(")) ||
                   is_word(it, "luc") || is_word(it, "vao");
    if (!between) return std::nullopt;
  }
  return std::nullopt;
}

void Reader::read_date(const std::vector<Item>& items, std::size_t i, int line) {
  Cue cue = clause_.cue;
  std::optional<TimeAt> time = clause_.time;
  clause_.cue = Cue::none;
  clause_.time.reset();
  clause_.range = false;
  if (cue == Cue::citation) return;
  if (cue == Cue::from || begins_range(items, i)) {
    clause_.range = true;
    return;
  }
  if (clause_.topic == Topic::other) return;
  bool deadline = cue == Cue::before ||
                  (cue == Cue::to && (clause_.armed || clause_.topic == Topic::submission)) ||
                  (cue == Cue::none && clause_.armed);
  if (!deadline) return;
  clause_.armed = false;
  add(items[i], time ? time : time_after(items, i, line), line);
}

void Reader::add(const Item& item, const std::optional<TimeAt>& time, int line) {
  NamedDeadline n;
  n.date = {item.year, item.month, item.day};
  n.year_given = item.year != 0;
  if (!n.year_given) {
    n.date.year = issued_.year;
    if (n.date < issued_) ++n.date.year;  // "trước ngày 10/01" in a notice of December
  }
  // The issue date is no deadline: the dateline, "kể từ ngày ban hành (ngày …)".
  if (!is_valid_date(n.date.year, n.date.month, n.date.day) || n.date == issued_) return;
  n.line = line;
  n.column = int(item.at) + 1;
  if (time) {
    n.hour = time->hour;
    n.minute = time->minute;
    if (time->line < line || time->column < n.column) {
      n.line = time->line;
      n.column = time->column;
    }
  }
  found_.push_back(n);
}

// ---------------------------------------------------------------------------------------------
// Lines and paragraphs: a clause may wrap over lines, not past a blank line or a new block.

bool starts_block(std::string_view line) {
  std::size_t i = line.find_first_not_of(" \t");
  if (i == std::string_view::npos) return true;  // blank
  std::string_view s = line.substr(i);
  auto then_space = [&](std::size_t k) { return k >= s.size() || s[k] == ' ' || s[k] == '\t'; };
  char c = s[0];
  if (c == '#' || c == '>' || c == '|' || s.starts_with("```")) return true;
  if ((c == '-' || c == '*' || c == '+') && then_space(1)) return true;
  std::size_t k = 0;
  while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
  if (k > 0 && k < s.size() && (s[k] == '.' || s[k] == ')') && then_space(k + 1)) return true;
  bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return letter && s.size() > 1 && s[1] == ')' && then_space(2);
}

bool has_digit(std::string_view line) {
  for (char c : line) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

}  // namespace

std::vector<NamedDeadline> named_deadlines(std::string_view text, int first_line,
                                           const Date& issued) {
  std::vector<NamedDeadline> found;
  Reader reader(issued, found);
  Folded folded;
  std::vector<Token> tokens;
  std::vector<Item> chunks, items;
  int line = first_line;
  for (std::size_t start = 0; start < text.size(); ++line) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view raw = text.substr(start, end - start);
    std::string_view next = end < text.size() ? text.substr(end + 1) : std::string_view{};
    next = next.substr(0, next.find('\n'));
    if (starts_block(raw)) reader.start_paragraph();
    // Most lines name no date and lead into no line that does: they are passed over unread.
    bool leads_on = !next.empty() && !starts_block(next);
    if (has_digit(raw) || leads_on) {
      fold_line(raw, folded);
      lex(folded.chars, tokens);
      chunk_items(folded, tokens, chunks);
      join_items(chunks, items);
      reader.read_line(items, line);
    }
    start = end + 1;
  }
  return found;
}

}  // namespace gazette::content::detail
