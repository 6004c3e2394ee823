#include "static_search.hpp"

#include <algorithm>

#include "listing.hpp"
#include "reading.hpp"
#include "snippet.hpp"

namespace gazette::search::detail {

namespace {

// A match and what orders it.
struct Ranked {
  DocId id;
  double weight;
};

// Orders the matches as the server's matcher does: by weight (or by value, then weight),
// ties by record number.
void order(std::vector<Ranked>& ranked, Query::Sort sort, StaticSource& index) {
  auto by_weight = [](const Ranked& a, const Ranked& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.id < b.id;
  };
  if (sort == Query::Sort::relevance) {
    std::sort(ranked.begin(), ranked.end(), by_weight);
    return;
  }
  bool newest = sort == Query::Sort::newest;
  unsigned slot = newest ? kIssuedSlot : kDeadlineSortSlot;
  std::sort(ranked.begin(), ranked.end(), [&](const Ranked& a, const Ranked& b) {
    const std::string& va = index.value(slot, a.id);
    const std::string& vb = index.value(slot, b.id);
    if (va != vb) return newest ? va > vb : va < vb;
    return by_weight(a, b);
  });
}

// The server's re-ranking of its best matches (rank.hpp), from the same pairs of words.
void rerank(StaticSource& index, std::vector<Ranked>& ranked,
            const std::vector<NeighbourPair>& pairs, double typical) {
  std::size_t typed_pairs = 0;
  for (const auto& p : pairs) typed_pairs += !p.first_exact.empty();
  for (auto& c : ranked) {
    std::size_t together = 0, as_typed = 0;
    for (const auto& p : pairs) {
      if (!index.together(p.first, p.second, c.id)) continue;
      ++together;
      if (p.first_exact.empty()) continue;
      as_typed += index.together_as_typed(p, c.id);
    }
    c.weight += neighbour_gain(together, pairs.size(), as_typed, typed_pairs, typical);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const Ranked& a, const Ranked& b) { return a.weight > b.weight; });
}

// Each filter's values among the matches, most first, and the calls open and closed.
void count(const Query& q, const std::vector<Ranked>& matches, StaticSource& index,
           Results& results) {
  std::size_t open = 0, closed = 0;
  for (const auto& m : matches) {
    const std::string& call = index.value(kCallSlot, m.id);
    open += open_at(call, q.now.epoch_seconds);
    closed += closed_at(call, q.now.epoch_seconds);
  }
  results.open = open;
  results.open_exact = true;
  if (!q.facets) return;
  for (const auto& [name, slot] : facet_slots()) {
    std::map<std::string, std::size_t> counts;
    for (const auto& m : matches) {
      const std::string& v = index.value(slot, m.id);
      if (!v.empty()) ++counts[v];
    }
    std::vector<std::pair<std::string, std::size_t>> values(counts.begin(), counts.end());
    std::stable_sort(values.begin(), values.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (values.size() > kFacetValues) values.resize(kFacetValues);
    if (values.empty()) continue;
    Facet facet{name, std::move(values), {}};
    if (facet.name == "program") {
      for (const auto& [value, n] : facet.values) {
        auto title = index.program_titles().find(value);
        if (title != index.program_titles().end()) facet.labels.emplace(value, title->second);
      }
    }
    results.facets.push_back(std::move(facet));
  }
  if (open + closed > 0) {
    results.facets.push_back(Facet{"open", {{"open", open}, {"closed", closed}}, {}});
  }
}

Hit hit_of(StaticSource& index, DocId id, const ParsedText& parsed, TermCache& cache) {
  const std::string& data = index.data(id);
  std::size_t newline = std::min(data.find('\n'), data.size());
  Hit hit;
  if (auto listing = stored_listing(data)) hit.listing = std::move(*listing);
  std::string_view body = std::string_view(data).substr(std::min(newline + 1, data.size()));
  hit.snippet_html = make_snippet(body, parsed.exact, parsed.folded, cache);
  return hit;
}

}  // namespace

Results static_search(const Query& q, StaticSource& index, TermCache& cache) {
  Results results;
  results.page = std::max(1, q.page);
  results.source_commit = index.source_commit();
  int page_size = std::clamp(q.page_size, 1, 100);
  ParsedText parsed = parse_text(q.text, cache);
  Lexicon lexicon(index, cache);
  std::vector<Change> changes = q.as_typed ? std::vector<Change>() : read_words(parsed, lexicon);
  if (!changes.empty()) {
    find_concepts(parsed, cache);
    collect_forms(parsed, cache);
  }
  QueryContext context{index, cache};
  Query::Sort sort = sort_of(q, parsed);
  auto pairs = neighbour_pairs(parsed, cache);
  auto first = static_cast<std::size_t>(results.page - 1) * static_cast<std::size_t>(page_size);
  bool rerank_window = sort == Query::Sort::relevance && !pairs.empty() &&
                       first + static_cast<std::size_t>(page_size) <= kRerankWindow;
  TextQuery plan = search_plan(q, parsed, false, context);
  std::vector<Scored> matched = match_plan(plan.plan, index, q.now);
  if (matched.empty() && parsed.items.size() > 1) {
    plan = search_plan(q, parsed, true, context);
    matched = match_plan(plan.plan, index, q.now);
    results.relaxed = !matched.empty();
  }
  std::vector<Ranked> ranked;
  ranked.reserve(matched.size());
  for (const auto& m : matched) ranked.push_back({m.id, m.weight});
  results.total = ranked.size();
  results.total_exact = true;
  results.pages = static_cast<int>((results.total + static_cast<std::size_t>(page_size) - 1) /
                                   static_cast<std::size_t>(page_size));
  count(q, ranked, index, results);
  order(ranked, sort, index);
  if (rerank_window) {
    std::vector<Ranked> best(
        ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(
                                             std::min<std::size_t>(kRerankWindow, ranked.size())));
    rerank(index, best, pairs, plan.typical_weight);
    ranked = std::move(best);
  }
  for (std::size_t i = first; i < ranked.size() && i < first + static_cast<std::size_t>(page_size);
       ++i) {
    results.hits.push_back(hit_of(index, ranked[i].id, parsed, cache));
  }
  add_suggestion(q.text, changes, parsed, lexicon, results);
  return results;
}

}  // namespace gazette::search::detail
