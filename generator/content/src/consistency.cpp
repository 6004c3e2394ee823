// Checks that keep citizens from acting on a stale deadline or a replaced document: deadlines
// named in the text against the `deadline` field, deadlines across documents of a round, and
// the relationships between documents (amends, replaces, guides, based_on).
#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>

#include "gazette/content.hpp"
#include "gazette/text.hpp"

namespace gazette::content {

namespace {

struct NamedDeadline {
  Date date;
  int hour = -1;  // -1: no time named
  int minute = 0;
  int line = 0;
  int column = 0;
};

// Words that say a sentence is about the deadline (folded: no marks; whole words, so
// "phan nhanh" is not "han nhan").
bool mentions_deadline(const std::string& folded) {
  for (std::string_view word : {"thoi han", "han nop", "han chot", "han cuoi", "truoc ngay",
                                "cham nhat", "han nhan", "deadline"}) {
    for (std::size_t at = folded.find(word); at != std::string::npos;
         at = folded.find(word, at + 1)) {
      auto letter = [&](std::size_t i) {
        return i < folded.size() && std::isalnum(static_cast<unsigned char>(folded[i]));
      };
      if ((at == 0 || !letter(at - 1)) && !letter(at + word.size())) return true;
    }
  }
  return false;
}

// A quick look at the line as written before folding it: a deadline sentence has "hạn",
// "trước", "chậm" or "deadline" in some case (ƣ included). Most lines have none.
bool may_mention_deadline(std::string_view line) {
  for (std::string_view part : {"\u1EA1n", "\u1EA0N", "\u01B0\u1EDBc", "\u01A3\u1EDBc",
                                "\u01AF\u1EDAC", "\u1EADm", "\u1EACM", "eadline", "EADLINE"}) {
    if (line.find(part) != std::string_view::npos) return true;
  }
  return false;
}

// A folded line with each run of white space made one space, and where each of its bytes was.
// The patterns below have \s* next to \s*: std::regex tries every way they can share a long
// run of spaces (cubic: a line of 400 spaces took seconds, of 3,000 hours).
struct Squeezed {
  std::string text;
  std::vector<std::size_t> offsets;  // offsets[i]: where text[i] is in the line
};

Squeezed squeeze_spaces(std::string_view line) {
  Squeezed s;
  bool in_space = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    bool space = std::isspace(static_cast<unsigned char>(line[i])) != 0;
    if (space && in_space) continue;
    in_space = space;
    s.text += space ? ' ' : line[i];
    s.offsets.push_back(i);
  }
  return s;
}

// Deadlines named in the body: "Trước ngày 25/4/2023", "17h00 ngày 17/8/2025",
// "ngày 17 tháng 8 năm 2025".
std::vector<NamedDeadline> named_deadlines(const Document& doc) {
  static const std::regex kTimeDate(
      R"((\d{1,2})\s*(?:h|gio|:)\s*(\d{2})?\s*,?\s*(?:ngay\s+)?(\d{1,2})/(\d{1,2})/(\d{4}))");
  static const std::regex kDate(R"((?:ngay|truoc|den|la)\s+(\d{1,2})/(\d{1,2})/(\d{4}))");
  static const std::regex kWords(R"(ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4}))");
  std::vector<NamedDeadline> found;
  std::string_view body = doc.body;
  int line_number = doc.body_line;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view raw = body.substr(start, end - start);
    std::string folded = may_mention_deadline(raw) ? text::fold(raw) : std::string();
    if (!folded.empty() && mentions_deadline(folded)) {
      Squeezed line = squeeze_spaces(folded);
      std::smatch m;
      auto date_of = [](const std::smatch& mm, std::size_t d, std::size_t mo, std::size_t y) {
        return Date{std::stoi(mm[y].str()), std::stoi(mm[mo].str()), std::stoi(mm[d].str())};
      };
      auto column = [&](const std::smatch& mm, std::size_t group) {
        return static_cast<int>(line.offsets[static_cast<std::size_t>(mm.position(group))]) + 1;
      };
      if (std::regex_search(line.text, m, kTimeDate)) {
        NamedDeadline n{date_of(m, 3, 4, 5), std::stoi(m[1].str()),
                        m[2].matched ? std::stoi(m[2].str()) : 0, line_number, column(m, 0)};
        found.push_back(n);
      } else if (std::regex_search(line.text, m, kDate)) {
        found.push_back({date_of(m, 1, 2, 3), -1, 0, line_number, column(m, 1)});
      } else if (std::regex_search(line.text, m, kWords)) {
        found.push_back({date_of(m, 1, 2, 3), -1, 0, line_number, column(m, 0)});
      }
    }
    start = end + 1;
    ++line_number;
  }
  return found;
}

std::string short_date(const Date& d) {
  return std::to_string(d.day) + "/" + std::to_string(d.month) + "/" + std::to_string(d.year);
}

std::string short_deadline(const Instant& at) {
  LocalTime t = local_time(at);
  char time[8];
  std::snprintf(time, sizeof time, "%02d:%02d", t.hour % 100, t.minute % 100);
  return std::string(time) + " " + short_date(t.date);
}

// Column in bytes of the original line, from a column in its folded form: count characters.
int original_column(std::string_view line, int folded_column) {
  int chars = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue;
    if (++chars == folded_column) return static_cast<int>(i) + 1;
  }
  return 1;
}

void check_named_deadlines(const Document& doc, Diagnostics& diags) {
  if (!doc.deadline) return;
  LocalTime field = local_time(*doc.deadline);
  for (const NamedDeadline& n : named_deadlines(doc)) {
    if (!is_valid_date(n.date.year, n.date.month, n.date.day)) continue;
    bool same_day = n.date == field.date;
    bool same_time = n.hour < 0 || (n.hour == field.hour && n.minute == field.minute);
    if (same_day && same_time) continue;
    std::string named = (n.hour >= 0 ? std::to_string(n.hour) + "h" + (n.minute < 10 ? "0" : "") +
                                           std::to_string(n.minute) + " "
                                     : "") +
                        short_date(n.date);
    std::string_view line = line_at(doc.source_text, n.line);
    diags.add({Severity::warning,
               doc.path,
               {n.line, original_column(line, n.column)},
               "the text names the deadline " + named + " but `deadline` is " +
                   short_deadline(*doc.deadline),
               "correct whichever is wrong (line " + std::to_string(doc.loc_of("deadline").line) +
                   " has the field); readers act on both",
               std::string(line)});
  }
}

}  // namespace

// Numbers are compared folded and without spaces: "1322/QĐ-TTg" = "1322/qd-ttg".
static std::string number_key(std::string_view number) {
  std::string key = text::fold(trim(number));
  key.erase(std::remove(key.begin(), key.end(), ' '), key.end());
  return key;
}

const Document* DocumentIndex::find_number(std::string_view number) const {
  auto it = by_number_.find(number_key(number));
  return it != by_number_.end() && it->second.size() == 1 ? it->second.front() : nullptr;
}

const Document* DocumentIndex::find(std::string_view reference) const {
  if (const Document* d = find_number(reference)) return d;
  auto it = by_slug_.find(std::string(trim(reference)));
  return it != by_slug_.end() && it->second.size() == 1 ? it->second.front() : nullptr;
}

DocumentIndex::DocumentIndex(const std::vector<Document>& docs) {
  for (const Document& d : docs) {
    if (!d.number.empty()) by_number_[number_key(d.number)].push_back(&d);
    by_slug_[d.slug].push_back(&d);
  }
}

std::vector<Relation> relations_of(const Document& doc) {
  return {{"amends", &doc.amends},
          {"replaces", &doc.replaces},
          {"guides", &doc.guides},
          {"based_on", &doc.based_on}};
}

void check_consistency(const std::vector<Document>& docs, Diagnostics& diags) {
  DocumentIndex index(docs);
  for (const Document& doc : docs) {
    check_named_deadlines(doc, diags);
    // Relationships must name documents of this site.
    for (const Relation& r : relations_of(doc)) {
      for (const std::string& ref : *r.targets) {
        const Document* target = index.find(ref);
        if (!target) {
          diags.add({Severity::warning, doc.path, doc.loc_of(r.key),
                     "`" + std::string(r.key) + "` names `" + ref + "`, which is not on this site",
                     "write the number or slug of a published document; a document not on the "
                     "site belongs in `references`",
                     std::string(line_at(doc.source_text, doc.loc_of(r.key).line))});
        } else if (target == &doc) {
          diags.add({Severity::error, doc.path, doc.loc_of(r.key),
                     "`" + std::string(r.key) + "` names the document itself", "remove it",
                     std::string(line_at(doc.source_text, doc.loc_of(r.key).line))});
        }
      }
    }
    // A notice whose deadline falls after that of the document it implements, in the same
    // round: applicants would miss the one that counts.
    if (!doc.deadline || doc.program.empty() || !doc.round) continue;
    std::vector<std::string> cited = doc.references;
    cited.insert(cited.end(), doc.guides.begin(), doc.guides.end());
    cited.insert(cited.end(), doc.based_on.begin(), doc.based_on.end());
    for (const std::string& ref : cited) {
      const Document* other = index.find(ref);
      if (!other || other == &doc || !other->deadline || other->program != doc.program ||
          other->round != doc.round || *doc.deadline <= *other->deadline) {
        continue;
      }
      diags.add({Severity::warning, doc.path, doc.loc_of("deadline"),
                 "the deadline " + short_deadline(*doc.deadline) + " is after " +
                     short_deadline(*other->deadline) + ", the deadline of " + other->path +
                     " for the same round",
                 "check the dates: proposals collected after the upstream deadline arrive late",
                 std::string(line_at(doc.source_text, doc.loc_of("deadline").line))});
    }
  }
  // Cycles: a document that amends or replaces, through others, itself.
  for (const char* key : {"amends", "replaces"}) {
    for (const Document& doc : docs) {
      std::set<const Document*> seen = {&doc};
      std::vector<const Document*> stack = {&doc};
      bool cycle = false;
      while (!stack.empty() && !cycle) {
        const Document* current = stack.back();
        stack.pop_back();
        const auto& targets = std::string(key) == "amends" ? current->amends : current->replaces;
        for (const auto& ref : targets) {
          const Document* next = index.find(ref);
          if (!next) continue;
          if (next == &doc && current != &doc) cycle = true;
          if (seen.insert(next).second) stack.push_back(next);
        }
      }
      if (cycle) {
        diags.add({Severity::error, doc.path, doc.loc_of(key),
                   "`" + std::string(key) + "` makes a cycle: the document " +
                       (std::string(key) == "amends" ? "amends" : "replaces") +
                       ", through others, itself",
                   "a document can only amend or replace older ones: remove the wrong link",
                   std::string(line_at(doc.source_text, doc.loc_of(key).line))});
      }
    }
  }
}

}  // namespace gazette::content
