// From what someone typed to a Xapian query: words, "phrases", -exclusions, document
// numbers, field:words; each word matched as typed (with marks) or folded (without).
#pragma once

#include <xapian.h>

#include <set>
#include <string>
#include <vector>

#include "gazette/search.hpp"
#include "terms.hpp"

namespace gazette::search::detail {

struct QueryItem {
  enum class Type { word, phrase, number, title } type = Type::word;
  std::vector<std::string> words;  ///< as typed (NFC)
  std::string number;              ///< for numbers: the chunk as typed
};

struct ParsedText {
  std::vector<QueryItem> items;     ///< all must match
  std::vector<QueryItem> excluded;  ///< none may match
  /// Forms that count as a match, for highlighting.
  std::set<std::string> exact, folded;
};

/// Parses the query text (any input: unbalanced quotes and lone operators are tolerated).
ParsedText parse_text(std::string_view text, TermCache& cache);

/// The query for the words: all items (or any of them, when `relaxed`), without the excluded
/// ones. MatchAll when there are no words.
Xapian::Query text_query(const ParsedText& parsed, bool relaxed, TermCache& cache);

/// Neighbouring words of the query as pairs of terms ("khoa học", "năng suất": Vietnamese
/// words of two syllables): the folded terms, whose positions the index keeps.
std::vector<std::pair<std::string, std::string>> neighbour_pairs(const ParsedText& parsed,
                                                                 TermCache& cache);

/// The filters of `q` (kinds, programmes… open/closed, date ranges) as one boolean query,
/// or an empty query when there are none.
Xapian::Query filter_query(const Query& q);

}  // namespace gazette::search::detail
