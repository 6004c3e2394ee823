#include "query.hpp"

#include <algorithm>
#include <optional>

#include "concepts.hpp"
#include "gazette/text.hpp"
#include "weight.hpp"

namespace gazette::search::detail {

namespace {

using Op = Plan::Op;

constexpr double kExactBoost = 2.0;   // a word typed with marks: its exact form first
constexpr double kNumberBoost = 5.0;  // a whole document number
constexpr double kTitleBoost = 2.0;

struct Word {
  std::string text;
  std::size_t offset;
};

// The words of `text`, which starts at `base` in the query.
std::vector<Word> words_of(std::string_view text, std::size_t base) {
  std::vector<Word> words;
  for_each_token(text, [&](const Token& t) {
    words.push_back({std::string(t.text), base + t.offset});
  });
  return words;
}

QueryItem item_of(QueryItem::Type type, const std::vector<Word>& words) {
  QueryItem item;
  item.type = type;
  for (const auto& w : words) {
    item.words.push_back(w.text);
    item.offsets.push_back(w.offset);
  }
  return item;
}

// Resolves words to index terms (see terms.hpp: every word folded and, when it has marks, as
// written, both with positions), and estimates what they weigh.
struct Terms {
  const QueryContext& context;

  const std::pair<std::string, std::string>& forms(const std::string& word) {
    return context.cache.forms(word, !has_marks(word));
  }

  // The word folded, as a term.
  std::string folded_term(const std::string& word) { return kFolded + forms(word).second; }

  // BM25's weight of `term` in a record that has it once and is of average length: its idf
  // (weight.hpp).
  double weight_of(const std::string& term) {
    return term_idf(context.stats.doccount(), context.stats.termfreq(term));
  }

  // One word: every way of writing its letters matches; typed with marks, its own form ranks
  // first.
  Plan word(const std::string& w, double& weight) {
    const auto& [exact, folded] = forms(w);
    std::string any = folded_term(w);
    weight += weight_of(any);
    if (exact == folded) return Plan::of_term(any);
    weight += kExactBoost * weight_of(exact);
    return Plan::join(Op::maybe,
                      {Plan::of_term(any), Plan::scaled(Plan::of_term(exact), kExactBoost)});
  }

  // Words in order; a word typed with marks must also be there as typed.
  Plan phrase(const std::vector<std::string>& words, double& weight) {
    if (words.size() == 1) return word(words[0], weight);
    std::vector<Plan> in_order, as_typed;
    for (const auto& w : words) {
      const auto& [exact, folded] = forms(w);
      std::string term = kFolded + folded;
      weight += weight_of(term);
      in_order.push_back(Plan::of_term(term));
      if (exact != folded) as_typed.push_back(Plan::of_term(exact));
    }
    Plan phrase = Plan::join(Op::phrase, std::move(in_order));
    if (as_typed.empty()) return phrase;
    as_typed.insert(as_typed.begin(), std::move(phrase));
    return Plan::join(Op::all, std::move(as_typed));
  }

  // Every word, anywhere.
  Plan all_words(const std::vector<std::string>& words, double& weight) {
    std::vector<Plan> parts;
    parts.reserve(words.size());
    for (const auto& w : words) parts.push_back(word(w, weight));
    return Plan::join(Op::all, std::move(parts));
  }

  // Issued or due that day, or the date written in the text. The day weighs as much as all
  // the other words together (`others`), and more than the text can.
  Plan date(const QueryItem& item, double others, double& weight) {
    std::string key =
        item.any_year ? month_day_key(item.date.month, item.date.day) : day_key(item.date);
    Plan days =
        Plan::join(Op::any, {Plan::of_flag(kIssuedDay + key), Plan::of_flag(kDueDay + key)});
    double written = 0;
    Plan in_text = phrase(item.words, written);
    // BM25 gives a term at most twice its weight at one mention.
    double day_weight = fixed_point(std::max({1.0, others, 2 * written}));
    weight += day_weight;
    return Plan::join(Op::any, {Plan::weighing(std::move(days), day_weight), std::move(in_text)});
  }

  Plan item(const QueryItem& item, double& weight) {
    switch (item.type) {
      case QueryItem::Type::word:
        return word(item.words[0], weight);
      case QueryItem::Type::phrase:
        return phrase(item.words, weight);
      case QueryItem::Type::title: {
        std::vector<Plan> parts;
        for (const auto& w : item.words) {
          std::string term = kTitle + forms(w).second;
          weight += kTitleBoost * weight_of(term);
          parts.push_back(Plan::of_term(term));
        }
        return Plan::scaled(Plan::join(Op::all, std::move(parts)), kTitleBoost);
      }
      case QueryItem::Type::number: {
        std::string term = std::string(kNumber) + number_key(item.number);
        double whole_weight = kNumberBoost * weight_of(term), parts_weight = 0;
        Plan whole = Plan::scaled(Plan::of_term(term), kNumberBoost);
        if (item.words.empty()) {
          weight += whole_weight;
          return whole;
        }
        Plan parts = phrase(item.words, parts_weight);
        weight += std::max(whole_weight, parts_weight);
        return Plan::join(Op::any, {std::move(whole), std::move(parts)});
      }
      case QueryItem::Type::abbreviation: {
        // The abbreviation or the words it stands for, or the words typed anywhere.
        std::string term = kConcept + item.abbreviation;
        double words_weight = 0;
        Plan words = all_words(item.words, words_weight);
        weight += std::max(weight_of(term), words_weight);
        return Plan::join(Op::any, {Plan::of_term(term), std::move(words)});
      }
      case QueryItem::Type::date:
        return Plan{};  // made last, weighed against the others (text_query)
    }
    return Plan{};
  }
};

void note_forms(const std::vector<std::string>& words, ParsedText& parsed, TermCache& cache) {
  for (const auto& w : words) {
    const auto& forms = cache.forms(w, !has_marks(w));
    if (has_marks(w)) {
      parsed.exact.insert(forms.first);
    } else {
      parsed.folded.insert(forms.second);
    }
  }
}

std::string slug_key(const std::string& v) { return filter_key(v); }
std::string plain_key(const std::string& v) { return v; }
std::string round_key(const int& v) { return std::to_string(v); }

template <typename Filter>
Plan any_of(const std::vector<Filter>& values, const char* prefix,
            std::string (*key)(const Filter&)) {
  std::vector<Plan> terms;
  terms.reserve(values.size());
  for (const auto& v : values) terms.push_back(Plan::of_flag(std::string(prefix) + key(v)));
  return Plan::join(Op::any, std::move(terms));
}

std::string serialise(std::int64_t v) { return Xapian::sortable_serialise(static_cast<double>(v)); }

bool is_query_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '+'; }

// A quoted phrase from the quote at text[i]; returns where reading goes on.
std::size_t read_phrase(std::string_view text, std::size_t i, std::vector<QueryItem>& items) {
  std::size_t close = text.find('"', i + 1);  // an unclosed quote runs to the end
  std::string_view inside =
      text.substr(i + 1, close == std::string_view::npos ? text.npos : close - i - 1);
  auto words = words_of(inside, i + 1);
  if (!words.empty()) items.push_back(item_of(QueryItem::Type::phrase, words));
  return close == std::string_view::npos ? text.size() : close + 1;
}

// A chunk without spaces, at `start` of the text: title:…, a date, a document number (or
// so:/number:…), or words.
void read_chunk(std::string_view chunk, std::size_t start, bool exclude,
                std::vector<QueryItem>& items) {
  std::size_t colon = chunk.find(':');
  std::string field = colon == std::string_view::npos ? "" : text::fold(chunk.substr(0, colon));
  std::optional<QueryItem> date;
  if (!exclude) date = numeric_date(chunk, false);
  if (field == "title" || field == "tieu-de" || field == "tieude") {
    auto words = words_of(chunk.substr(colon + 1), start + colon + 1);
    if (!words.empty()) items.push_back(item_of(QueryItem::Type::title, words));
  } else if (date) {
    QueryItem digits = item_of(QueryItem::Type::word, words_of(chunk, start));
    date->words = std::move(digits.words);
    date->offsets = std::move(digits.offsets);
    items.push_back(std::move(*date));
  } else if (looks_like_number(chunk) || field == "so" || field == "number") {
    std::size_t from = field.empty() ? 0 : colon + 1;
    QueryItem item = item_of(QueryItem::Type::number, words_of(chunk.substr(from), start + from));
    item.number = std::string(chunk.substr(from));
    if (!item.number.empty()) items.push_back(std::move(item));
  } else {
    for (const auto& w : words_of(chunk, start)) {
      items.push_back(item_of(QueryItem::Type::word, {w}));
    }
  }
}

}  // namespace

bool has_marks(std::string_view word) {
  for (char c : word) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

ParsedText parse_text(std::string_view text, TermCache& cache) {
  ParsedText parsed;
  std::size_t i = 0;
  std::vector<QueryItem> included, excluded;
  while (i < text.size()) {
    if (is_query_space(text[i])) {
      ++i;
      continue;
    }
    bool exclude = false;
    if (text[i] == '-' && i + 1 < text.size() && !is_query_space(text[i + 1])) {
      exclude = true;
      ++i;
    }
    std::vector<QueryItem> items;
    if (text[i] == '"') {
      i = read_phrase(text, i, items);
    } else {
      std::size_t end = i;
      while (end < text.size() && !is_query_space(text[end]) && text[end] != '"') ++end;
      read_chunk(text.substr(i, end - i), i, exclude, items);
      i = end;
    }
    for (auto& it : items) (exclude ? excluded : included).push_back(std::move(it));
  }
  find_dates(included, cache);
  parsed.items = std::move(included);
  parsed.excluded = std::move(excluded);
  collect_forms(parsed, cache);
  find_concepts(parsed, cache);
  return parsed;
}

void collect_forms(ParsedText& parsed, TermCache& cache) {
  parsed.exact.clear();
  parsed.folded.clear();
  for (const auto& it : parsed.items) note_forms(it.words, parsed, cache);
}

void find_concepts(ParsedText& parsed, TermCache& cache) {
  auto& items = parsed.items;
  std::vector<QueryItem> out;
  for (std::size_t k = 0; k < items.size();) {
    if (items[k].type != QueryItem::Type::word) {
      out.push_back(std::move(items[k++]));
      continue;
    }
    std::size_t end = k;
    std::vector<std::string> run;
    while (end < items.size() && items[end].type == QueryItem::Type::word) {
      run.push_back(cache.forms(items[end].words[0], !has_marks(items[end].words[0])).second);
      ++end;
    }
    for (std::size_t r = 0; r < run.size();) {
      ConceptMatch m = concept_at(run, r);
      if (m.count == 0) {
        out.push_back(std::move(items[k + r]));
        ++r;
        continue;
      }
      QueryItem c;
      c.type = QueryItem::Type::abbreviation;
      c.abbreviation = std::string(m.key);
      for (std::size_t j = r; j < r + m.count; ++j) {
        c.words.push_back(items[k + j].words[0]);
        c.offsets.push_back(items[k + j].offsets[0]);
      }
      out.push_back(std::move(c));
      r += m.count;
    }
    k = end;
  }
  items = std::move(out);
}

TextQuery text_query(const ParsedText& parsed, bool relaxed, const QueryContext& context) {
  Terms terms{context};
  TextQuery built;
  if (parsed.items.empty()) {
    // Every record, weighing nothing: ordered by date, then by the open-call bonus alone.
    built.plan = Plan{Op::every, {}, 0, 0, {}, {}, {}};
  } else {
    std::vector<Plan> parts;
    std::vector<const QueryItem*> dates;
    for (const auto& item : parsed.items) {
      if (item.type == QueryItem::Type::date) {
        dates.push_back(&item);
      } else {
        parts.push_back(terms.item(item, built.typical_weight));
      }
    }
    double others = built.typical_weight;
    for (const auto* date : dates) parts.push_back(terms.date(*date, others, built.typical_weight));
    built.plan = Plan::join(relaxed ? Op::any : Op::all, std::move(parts));
  }
  if (!parsed.excluded.empty()) {
    std::vector<Plan> out;
    double unused = 0;
    for (const auto& item : parsed.excluded) out.push_back(terms.item(item, unused));
    built.plan =
        Plan::join(Op::except, {std::move(built.plan), Plan::join(Op::any, std::move(out))});
  }
  return built;
}

const std::vector<std::pair<const char*, unsigned>>& facet_slots() {
  static const std::vector<std::pair<const char*, unsigned>> kSlots = {{"kind", kKindSlot},
                                                                       {"program", kProgramSlot},
                                                                       {"round", kRoundSlot},
                                                                       {"province", kProvinceSlot},
                                                                       {"issuer", kIssuerSlot}};
  return kSlots;
}

double neighbour_gain(std::size_t together, std::size_t pairs, std::size_t as_typed,
                      std::size_t typed_pairs, double typical_weight) {
  // Every pair side by side weighs a typical match more ("hồ tiêu", "năng suất": one word),
  // and again half as much when they stand so as typed with their marks.
  constexpr double kTogetherBoost = 1.0;
  constexpr double kAsTypedBoost = 0.5;
  double gain = 0;
  if (pairs > 0) {
    gain += fixed_point(typical_weight * kTogetherBoost * static_cast<double>(together) /
                        static_cast<double>(pairs));
  }
  if (typed_pairs > 0) {
    gain += fixed_point(typical_weight * kAsTypedBoost * static_cast<double>(as_typed) /
                        static_cast<double>(typed_pairs));
  }
  return gain;
}

bool adjacent(const std::vector<std::uint32_t>& first, const std::vector<std::uint32_t>& second) {
  auto next = second.begin();
  for (std::uint32_t p : first) {
    next = std::lower_bound(next, second.end(), p + 1);
    if (next == second.end()) return false;
    if (*next == p + 1) return true;
  }
  return false;
}

Query::Sort sort_of(const Query& q, const ParsedText& parsed) {
  if (parsed.items.empty() && q.sort == Query::Sort::relevance) return Query::Sort::newest;
  return q.sort;
}

TextQuery search_plan(const Query& q, const ParsedText& parsed, bool relaxed,
                      const QueryContext& context) {
  TextQuery built = text_query(parsed, relaxed, context);
  if (sort_of(q, parsed) == Query::Sort::relevance) {
    // Open calls first, at comparable relevance (with some of the words only, as much as one
    // of them).
    double share = relaxed ? 1.0 / static_cast<double>(parsed.items.size()) : 1.0;
    Plan bonus{
        Op::open_bonus, {}, fixed_point(kOpenBonus * built.typical_weight * share), 0, {}, {}, {}};
    built.plan = Plan::join(Op::maybe, {std::move(built.plan), std::move(bonus)});
  }
  Plan filters = filter_query(q);
  if (!filters.empty()) built.plan = Plan::join(Op::filter, {std::move(built.plan), filters});
  return built;
}

std::vector<NeighbourPair> neighbour_pairs(const ParsedText& parsed, TermCache& cache) {
  std::vector<NeighbourPair> pairs;
  auto forms = [&](const std::string& w) { return cache.forms(w, !has_marks(w)); };
  for (std::size_t k = 0; k + 1 < parsed.items.size(); ++k) {
    const auto& a = parsed.items[k];
    const auto& b = parsed.items[k + 1];
    if (a.type != QueryItem::Type::word || b.type != QueryItem::Type::word) continue;
    auto fa = forms(a.words[0]);
    auto fb = forms(b.words[0]);
    NeighbourPair pair{kFolded + fa.second, kFolded + fb.second, {}, {}};
    if (fa.first != fa.second && fb.first != fb.second) {
      pair.first_exact = fa.first;
      pair.second_exact = fb.first;
    }
    pairs.push_back(std::move(pair));
  }
  return pairs;
}

Plan open_calls(Instant now) {
  std::string after_now = serialise(now.epoch_seconds + 1);
  Plan due_later = Plan::value_in(kDeadlineSlot, after_now, "");
  Plan opens_later = Plan::value_in(kOpensSlot, after_now, "");
  Plan withdrawn = Plan::of_flag(std::string(kWithdrawn) + "yes");
  return Plan::join(
      Op::except,
      {std::move(due_later), Plan::join(Op::any, {std::move(opens_later), std::move(withdrawn)})});
}

Plan filter_query(const Query& q) {
  std::vector<Plan> filters;
  if (!q.kinds.empty()) filters.push_back(any_of(q.kinds, kKind, plain_key));
  if (!q.programs.empty()) filters.push_back(any_of(q.programs, kProgram, slug_key));
  if (!q.rounds.empty()) filters.push_back(any_of(q.rounds, kRound, round_key));
  if (!q.provinces.empty()) filters.push_back(any_of(q.provinces, kProvince, slug_key));
  if (!q.issuers.empty()) filters.push_back(any_of(q.issuers, kIssuer, slug_key));
  if (!q.submitters.empty()) filters.push_back(any_of(q.submitters, kSubmitter, slug_key));
  if (!q.leads.empty()) filters.push_back(any_of(q.leads, kLead, slug_key));
  Plan combined;
  if (!filters.empty()) combined = Plan::join(Op::all, std::move(filters));
  auto restrict_to = [&](Plan r) {
    combined = combined.empty() ? std::move(r)
                                : Plan::join(Op::filter, {std::move(combined), std::move(r)});
  };
  if (q.open) {
    // Decided now, from the stored deadline: never frozen at build time.
    if (*q.open) {
      restrict_to(open_calls(q.now));
    } else {
      // Closed: the deadline has passed, or the call was withdrawn (or replaced).
      Plan withdrawn_call = Plan::join(Op::filter, {Plan::of_flag(std::string(kWithdrawn) + "yes"),
                                                    Plan::value_in(kDeadlineSlot, "", "")});
      restrict_to(
          Plan::join(Op::any, {Plan::value_in(kDeadlineSlot, "", serialise(q.now.epoch_seconds)),
                               std::move(withdrawn_call)}));
    }
  }
  if (q.issued_from || q.issued_to) {
    double from = q.issued_from ? static_cast<double>(days_from_civil(*q.issued_from)) : -1e9;
    double to = q.issued_to ? static_cast<double>(days_from_civil(*q.issued_to)) : 1e9;
    restrict_to(Plan::value_in(kIssuedSlot, Xapian::sortable_serialise(from),
                               Xapian::sortable_serialise(to)));
  }
  if (q.deadline_from || q.deadline_to) {
    // Whole days of the site's time zone.
    std::int64_t offset = std::int64_t{q.utc_offset_minutes} * 60;
    double from = q.deadline_from
                      ? static_cast<double>(days_from_civil(*q.deadline_from) * 86400 - offset)
                      : -1e12;
    double to =
        q.deadline_to
            ? static_cast<double>((days_from_civil(*q.deadline_to) + 1) * 86400 - offset - 1)
            : 1e12;
    restrict_to(Plan::value_in(kDeadlineSlot, Xapian::sortable_serialise(from),
                               Xapian::sortable_serialise(to)));
  }
  return combined;
}

}  // namespace gazette::search::detail
