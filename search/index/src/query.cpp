#include "query.hpp"

#include "gazette/text.hpp"

namespace gazette::search::detail {

namespace {

constexpr double kExactBoost = 2.0;   // a word typed with marks: its exact form first
constexpr double kNumberBoost = 5.0;  // a whole document number
constexpr double kTitleBoost = 2.0;

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  for_each_token(text, [&](const Token& t) { words.emplace_back(t.text); });
  return words;
}

bool has_marks(std::string_view word) {
  for (char c : word) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

// Resolves words to index terms (see terms.hpp: every word folded with positions, and as
// written when it has marks).
struct Terms {
  TermCache& cache;

  const std::pair<std::string, std::string>& forms(const std::string& word) {
    return cache.forms(word, !has_marks(word));
  }

  // The word folded, as a term: the one that holds its positions.
  std::string folded_term(const std::string& word) { return kFolded + forms(word).second; }

  // One word: every way of writing its letters matches; typed with marks, its own form ranks
  // first.
  Xapian::Query word(const std::string& w) {
    const auto& [exact, folded] = forms(w);
    Xapian::Query any(folded_term(w));
    if (exact == folded) return any;
    return Xapian::Query(
        Xapian::Query::OP_AND_MAYBE, any,
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(exact), kExactBoost));
  }

  // Words in order; a word typed with marks must also be there as typed.
  Xapian::Query phrase(const std::vector<std::string>& words) {
    if (words.size() == 1) return word(words[0]);
    std::vector<Xapian::Query> in_order, as_typed;
    for (const auto& w : words) {
      const auto& [exact, folded] = forms(w);
      in_order.emplace_back(folded_term(w));
      if (exact != folded) as_typed.emplace_back(exact);
    }
    Xapian::Query phrase(Xapian::Query::OP_PHRASE, in_order.begin(), in_order.end(),
                         static_cast<Xapian::termcount>(in_order.size()));
    if (as_typed.empty()) return phrase;
    as_typed.insert(as_typed.begin(), phrase);
    return Xapian::Query(Xapian::Query::OP_AND, as_typed.begin(), as_typed.end());
  }

  Xapian::Query item(const QueryItem& item) {
    switch (item.type) {
      case QueryItem::Type::word:
        return word(item.words[0]);
      case QueryItem::Type::phrase:
        return phrase(item.words);
      case QueryItem::Type::title: {
        std::vector<Xapian::Query> parts;
        for (const auto& w : item.words) parts.emplace_back(kTitle + forms(w).second);
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                             Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()),
                             kTitleBoost);
      }
      case QueryItem::Type::number: {
        Xapian::Query whole(Xapian::Query::OP_SCALE_WEIGHT,
                            Xapian::Query(std::string(kNumber) + number_key(item.number)),
                            kNumberBoost);
        if (item.words.empty()) return whole;
        return Xapian::Query(Xapian::Query::OP_OR, whole, phrase(item.words));
      }
    }
    return Xapian::Query();
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

template <typename Filter>
Xapian::Query any_of(const std::vector<Filter>& values, const char* prefix,
                     std::string (*key)(const Filter&)) {
  std::vector<Xapian::Query> terms;
  terms.reserve(values.size());
  for (const auto& v : values) terms.emplace_back(std::string(prefix) + key(v));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::string slug_key(const std::string& v) { return filter_key(v); }
std::string plain_key(const std::string& v) { return v; }
std::string round_key(const int& v) { return std::to_string(v); }

std::string serialise(std::int64_t v) { return Xapian::sortable_serialise(static_cast<double>(v)); }

}  // namespace

ParsedText parse_text(std::string_view text, TermCache& cache) {
  ParsedText parsed;
  std::size_t i = 0;
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '+';
  };
  while (i < text.size()) {
    if (is_space(text[i])) {
      ++i;
      continue;
    }
    bool exclude = false;
    if (text[i] == '-' && i + 1 < text.size() && !is_space(text[i + 1])) {
      exclude = true;
      ++i;
    }
    QueryItem item;
    std::vector<QueryItem> items;
    if (text[i] == '"') {
      std::size_t close = text.find('"', i + 1);  // an unclosed quote runs to the end
      std::string_view inside =
          text.substr(i + 1, close == std::string_view::npos ? text.npos : close - i - 1);
      i = close == std::string_view::npos ? text.size() : close + 1;
      item.type = QueryItem::Type::phrase;
      item.words = words_of(inside);
      if (!item.words.empty()) items.push_back(item);
    } else {
      std::size_t end = i;
      while (end < text.size() && !is_space(text[end]) && text[end] != '"') ++end;
      std::string_view chunk = text.substr(i, end - i);
      i = end;
      std::size_t colon = chunk.find(':');
      std::string field = colon == std::string_view::npos ? "" : text::fold(chunk.substr(0, colon));
      if (field == "title" || field == "tieu-de" || field == "tieude") {
        item.type = QueryItem::Type::title;
        item.words = words_of(chunk.substr(colon + 1));
        if (!item.words.empty()) items.push_back(item);
      } else if (looks_like_number(chunk) || field == "so" || field == "number") {
        item.type = QueryItem::Type::number;
        item.number = field.empty() ? std::string(chunk) : std::string(chunk.substr(colon + 1));
        item.words = words_of(item.number);
        if (!item.number.empty()) items.push_back(item);
      } else {
        for (auto& w : words_of(chunk)) {
          QueryItem word;
          word.words = {w};
          items.push_back(word);
        }
      }
    }
    for (auto& it : items) {
      if (!exclude) note_forms(it.words, parsed, cache);
      (exclude ? parsed.excluded : parsed.items).push_back(std::move(it));
    }
  }
  return parsed;
}

Xapian::Query text_query(const ParsedText& parsed, bool relaxed, TermCache& cache) {
  Terms terms{cache};
  Xapian::Query main;
  if (parsed.items.empty()) {
    main = Xapian::Query::MatchAll;
  } else {
    std::vector<Xapian::Query> parts;
    for (const auto& item : parsed.items) parts.push_back(terms.item(item));
    main = Xapian::Query(relaxed ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, parts.begin(),
                         parts.end());
  }
  if (!parsed.excluded.empty()) {
    std::vector<Xapian::Query> out;
    for (const auto& item : parsed.excluded) out.push_back(terms.item(item));
    main = Xapian::Query(Xapian::Query::OP_AND_NOT, main,
                         Xapian::Query(Xapian::Query::OP_OR, out.begin(), out.end()));
  }
  return main;
}

std::vector<std::pair<std::string, std::string>> neighbour_pairs(const ParsedText& parsed,
                                                                 TermCache& cache) {
  Terms terms{cache};
  std::vector<std::pair<std::string, std::string>> pairs;
  for (std::size_t k = 0; k + 1 < parsed.items.size(); ++k) {
    const auto& a = parsed.items[k];
    const auto& b = parsed.items[k + 1];
    if (a.type != QueryItem::Type::word || b.type != QueryItem::Type::word) continue;
    pairs.emplace_back(terms.folded_term(a.words[0]), terms.folded_term(b.words[0]));
  }
  return pairs;
}

Xapian::Query filter_query(const Query& q) {
  std::vector<Xapian::Query> filters;
  if (!q.kinds.empty()) filters.push_back(any_of(q.kinds, kKind, plain_key));
  if (!q.programs.empty()) filters.push_back(any_of(q.programs, kProgram, slug_key));
  if (!q.rounds.empty()) filters.push_back(any_of(q.rounds, kRound, round_key));
  if (!q.provinces.empty()) filters.push_back(any_of(q.provinces, kProvince, slug_key));
  if (!q.issuers.empty()) filters.push_back(any_of(q.issuers, kIssuer, slug_key));
  if (!q.submitters.empty()) filters.push_back(any_of(q.submitters, kSubmitter, slug_key));
  if (!q.leads.empty()) filters.push_back(any_of(q.leads, kLead, slug_key));
  Xapian::Query combined;
  if (!filters.empty()) {
    combined = Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
  }
  auto restrict_to = [&](const Xapian::Query& r) {
    combined = combined.empty() ? r : Xapian::Query(Xapian::Query::OP_FILTER, combined, r);
  };
  auto exclude = [&](const Xapian::Query& r) {
    if (combined.empty()) combined = Xapian::Query::MatchAll;
    combined = Xapian::Query(Xapian::Query::OP_AND_NOT, combined, r);
  };
  if (q.open) {
    // Decided now, from the stored deadline: never frozen at build time.
    std::string now = serialise(q.now.epoch_seconds);
    std::string after_now = serialise(q.now.epoch_seconds + 1);
    if (*q.open) {
      restrict_to(Xapian::Query(Xapian::Query::OP_VALUE_GE, kDeadlineSlot, after_now));
      exclude(Xapian::Query(Xapian::Query::OP_VALUE_GE, kOpensSlot, after_now));
      exclude(Xapian::Query(std::string(kWithdrawn) + "yes"));
    } else {
      // Closed: the deadline has passed, or the call was withdrawn (or replaced).
      Xapian::Query withdrawn_call(Xapian::Query::OP_FILTER,
                                   Xapian::Query(std::string(kWithdrawn) + "yes"),
                                   Xapian::Query(Xapian::Query::OP_VALUE_GE, kDeadlineSlot, ""));
      restrict_to(Xapian::Query(Xapian::Query::OP_OR,
                                Xapian::Query(Xapian::Query::OP_VALUE_LE, kDeadlineSlot, now),
                                withdrawn_call));
    }
  }
  if (q.issued_from || q.issued_to) {
    double from = q.issued_from ? static_cast<double>(days_from_civil(*q.issued_from)) : -1e9;
    double to = q.issued_to ? static_cast<double>(days_from_civil(*q.issued_to)) : 1e9;
    restrict_to(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kIssuedSlot,
                              Xapian::sortable_serialise(from), Xapian::sortable_serialise(to)));
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
    restrict_to(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kDeadlineSlot,
                              Xapian::sortable_serialise(from), Xapian::sortable_serialise(to)));
  }
  return combined;
}

}  // namespace gazette::search::detail
