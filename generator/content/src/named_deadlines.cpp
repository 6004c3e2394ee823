// Finds the deadlines a text names with a small reader instead of patterns: each line is folded
// (lower case, no marks, đ → d, ƣ → u), cut into words, numbers, dates and times, and read left
// to right with the words that make a date a deadline ("thời hạn", "trước", "chậm nhất", "đến
// hết ngày") or not one (a cited document's date, results, meetings, the start of a range). One
// pass per line and no allocation per line: it reads every line of every call of a site. The
// items a line is cut into are made by deadline_items.cpp.
#include "named_deadlines.hpp"

#include "deadline_items.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "gazette/text.hpp"

namespace gazette::content::detail {

namespace {

// The items of a line (deadline_items.hpp).
using deadlines::Folded;
using deadlines::is_word;
using deadlines::Item;
using deadlines::Kind;
using deadlines::Token;

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
  static const auto kTable = [] {
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
  return kTable;
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
      deadlines::fold_line(raw, folded);
      deadlines::lex(folded.chars, tokens);
      deadlines::chunk_items(folded, tokens, chunks);
      deadlines::join_items(chunks, items);
      reader.read_line(items, line);
    }
    start = end + 1;
  }
  return found;
}

}  // namespace gazette::content::detail
