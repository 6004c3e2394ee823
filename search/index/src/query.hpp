// From what someone typed to a plan of the search (plan.hpp): words, "phrases", -exclusions,
// document numbers, field:words, dates, abbreviations; each word matched as typed (with marks) or
// folded (without).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "gazette/search.hpp"
#include "plan.hpp"
#include "terms.hpp"

namespace gazette::search::detail {

struct QueryItem {
  enum class Type { word, phrase, number, title, abbreviation, date } type = Type::word;
  std::vector<std::string> words;    ///< as typed (NFC)
  std::vector<std::size_t> offsets;  ///< where each word starts in the query text
  std::string number;                ///< for numbers: the chunk as typed
  std::string abbreviation;          ///< for abbreviations: the concept's key (concepts.hpp)
  Date date;                         ///< for dates
  bool any_year = false;             ///< a date written without its year: that day every year
};

struct ParsedText {
  std::vector<QueryItem> items;     ///< all must match
  std::vector<QueryItem> excluded;  ///< none may match
  /// Forms that count as a match, for highlighting.
  std::set<std::string> exact, folded;
};

/// Whether a word carries marks (is not plain ASCII).
bool has_marks(std::string_view word);

/// A date written with digits (d/m/yyyy, d-m-yyyy, d.m.yyyy, yyyy-mm-dd; d/m too when
/// `day_month`, after "ngày"), the chunk maybe ending with punctuation; none if it is not one.
std::optional<QueryItem> numeric_date(std::string_view chunk, bool day_month);

/// Makes date items of "ngày 3 tháng 5 năm 2024", "ngày 3 tháng 5", "3 tháng 5 năm 2024", and
/// of "ngày" before a date written with digits.
void find_dates(std::vector<QueryItem>& items, TermCache& cache);

/// Parses the query text (any input: unbalanced quotes and lone operators are tolerated).
/// Words that together write an abbreviation or what it stands for become one abbreviation
/// item; dates become date items.
ParsedText parse_text(std::string_view text, TermCache& cache);

/// Notes the forms of the words of the items, for highlighting (again, after words were read
/// differently).
void collect_forms(ParsedText& parsed, TermCache& cache);

/// Makes the abbreviation items of runs of words (again, after words were read differently).
void find_concepts(ParsedText& parsed, TermCache& cache);

/// What the index knows of its terms: how many records it has, how many have a term, whether
/// two words stand side by side, the known word nearest to one. Answered by Xapian on the
/// server (xapian_words.hpp) and by the static index in the browser.
class IndexWords {
 public:
  virtual ~IndexWords() = default;
  /// Records in the index (the live one, its archives and local shards).
  virtual double doccount() = 0;
  /// How many of them have `term`.
  virtual double termfreq(const std::string& term) = 0;
  /// Whether some record has `term` (remote shards asked too).
  virtual bool has_term(const std::string& term) = 0;
  /// How often a pair of words stands side by side: `key` is kFoldedPairKey or kExactPairKey
  /// then the two words, a space between.
  virtual std::uint64_t pair_count(const std::string& key) = 0;
  /// The known word nearest to `form` by edits, the most frequent of those; "" if none.
  virtual std::string nearest(const std::string& form) = 0;
};

/// What building a query needs from the index and the asker.
struct QueryContext {
  IndexWords& stats;  ///< term frequencies
  TermCache& cache;
};

struct TextQuery {
  Plan plan;  ///< every record when there are no words
  /// What a record matching every item once weighs, about (BM25 at an average length): the
  /// scale of this query's weights, for the bonuses that are added to them.
  double typical_weight = 0;
};

/// The query for the words: all items (or any of them, when `relaxed`), without the excluded
/// ones.
TextQuery text_query(const ParsedText& parsed, bool relaxed, const QueryContext& context);

/// How much an open call gains, in typical weights (TextQuery::typical_weight): as much as a
/// second mention of every word, which a closed call repeating the words more cannot match.
inline constexpr double kOpenBonus = 1.0;

/// The best matches re-ranked by how their words stand (rank.hpp), and how many values of
/// each filter are counted.
inline constexpr std::size_t kRerankWindow = 50;
inline constexpr std::size_t kFacetValues = 30;

/// The filters whose values are counted among the matches (facets), in the order results
/// show them, each with the value slot it is read from.
const std::vector<std::pair<const char*, unsigned>>& facet_slots();

/// What a match gains, in typical weights, for the `together` of the query's `pairs` of
/// neighbouring words that stand side by side in it, and the `as_typed` of its `typed_pairs`
/// (both words typed with marks) that stand so as typed; rounded (weight.hpp).
double neighbour_gain(std::size_t together, std::size_t pairs, std::size_t as_typed,
                      std::size_t typed_pairs, double typical_weight);

/// Whether positions `second` (ascending) hold one right after one of `first` (ascending).
bool adjacent(const std::vector<std::uint32_t>& first, const std::vector<std::uint32_t>& second);

/// How a query's matches are ordered: newest first when there are no words to rank by.
Query::Sort sort_of(const Query& q, const ParsedText& parsed);

/// The whole question of a search: its words (all of them, or some when `relaxed`), the
/// open-call bonus when it is ordered by relevance, and its filters; with the words' typical
/// weight.
TextQuery search_plan(const Query& q, const ParsedText& parsed, bool relaxed,
                      const QueryContext& context);

/// Neighbouring words of the query as pairs of terms ("khoa học", "năng suất": Vietnamese
/// words of two syllables): the folded terms, whose positions the index keeps; and, when
/// both words were typed with marks, the terms as typed (empty otherwise).
struct NeighbourPair {
  std::string first, second;
  std::string first_exact, second_exact;
};
std::vector<NeighbourPair> neighbour_pairs(const ParsedText& parsed, TermCache& cache);

/// The filters of `q` (kinds, programmes… open/closed, date ranges) as one boolean query,
/// or an empty query when there are none.
Plan filter_query(const Query& q);

/// The records that are calls open at `now` (opened, deadline not passed, not withdrawn).
Plan open_calls(Instant now);

}  // namespace gazette::search::detail
