// Checks that keep citizens from acting on a stale deadline or a replaced document: deadlines
// named in the text against the `deadline` field, deadlines across documents of a round, and
// the relationships between documents (amends, replaces, guides, based_on).
#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "gazette/content.hpp"
#include "gazette/text.hpp"
#include "named_deadlines.hpp"

namespace gazette::content {

namespace {

std::string short_date(const Date& d) {
  return std::to_string(d.day) + "/" + std::to_string(d.month) + "/" + std::to_string(d.year);
}

std::string short_deadline(const Instant& at) {
  LocalTime t = local_time(at);
  char time[8];
  std::snprintf(time, sizeof time, "%02d:%02d", t.hour % 100, t.minute % 100);
  return std::string(time) + " " + short_date(t.date);
}

// "17h00 25/4/2023", or "25/4 (no year given: read as 25/4/2024)".
std::string named_text(const detail::NamedDeadline& n) {
  std::string out;
  if (n.hour >= 0) {
    char time[12];
    std::snprintf(time, sizeof time, "%dh%02d ", n.hour % 100, n.minute % 100);
    out = time;
  }
  if (n.year_given) return out + short_date(n.date);
  return out + std::to_string(n.date.day) + "/" + std::to_string(n.date.month) +
         " (no year given: read as " + short_date(n.date) + ")";
}

void check_named_deadlines(const Document& doc, Diagnostics& diags) {
  if (!doc.deadline) return;
  LocalTime field = local_time(*doc.deadline);
  std::set<std::tuple<int, Date, int, int>> reported;  // one warning per line and deadline
  std::optional<LineIndex> lines;  // a long text may name a date on each of thousands of lines
  for (const auto& n : detail::named_deadlines(doc.body, doc.body_line, doc.issued)) {
    bool same_day = n.date == field.date;
    bool same_time = n.hour < 0 || (n.hour == field.hour && n.minute == field.minute);
    if (same_day && same_time) continue;
    if (!reported.insert({n.line, n.date, n.hour, n.minute}).second) continue;
    diags.add({Severity::warning,
               doc.path,
               {n.line, n.column},
               "the text names the deadline " + named_text(n) + " but `deadline` is " +
                   short_deadline(*doc.deadline),
               "correct whichever is wrong (line " + std::to_string(doc.loc_of("deadline").line) +
                   " has the field); readers act on both",
               std::string((lines ? *lines : lines.emplace(doc.source_text)).line(n.line))});
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

namespace {

// Relationships must name documents of this site.
void check_relations(const Document& doc, const DocumentIndex& index, Diagnostics& diags) {
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
}

// A notice whose deadline falls after that of the document it implements, in the same
// round: applicants would miss the one that counts.
void check_upstream_deadline(const Document& doc, const DocumentIndex& index, Diagnostics& diags) {
  if (!doc.deadline || doc.program.empty() || !doc.round) return;
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

// A document that amends or replaces (`key`), through others, itself.
void check_cycle(const Document& doc, const char* key, const DocumentIndex& index,
                 Diagnostics& diags) {
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

}  // namespace

void check_consistency(const std::vector<Document>& docs, Diagnostics& diags) {
  DocumentIndex index(docs);
  for (const Document& doc : docs) {
    check_named_deadlines(doc, diags);
    check_relations(doc, index, diags);
    check_upstream_deadline(doc, index, diags);
  }
  // Cycles: a document that amends or replaces, through others, itself.
  for (const char* key : {"amends", "replaces"}) {
    for (const Document& doc : docs) check_cycle(doc, key, index, diags);
  }
}

}  // namespace gazette::content
