// A whole search answered without Xapian, from what the static index holds: the query read
// as the server reads it, its plan matched (static_match.hpp), ordered, re-ranked, paged and
// counted as the server does, so that the browser's engine gives gazette serve's answers.
#pragma once

#include <map>
#include <string>

#include "gazette/search.hpp"
#include "query.hpp"
#include "static_match.hpp"
#include "terms.hpp"

namespace gazette::search::detail {

/// What a search reads of the static index.
class StaticSource : public MatchSource, public IndexWords {
 public:
  /// What the record stores: its listing as a line of JSON, then its text.
  virtual const std::string& data(DocId id) = 0;
  /// Whether the pair's words typed with marks stand side by side as typed in record `id`.
  virtual bool together_as_typed(const NeighbourPair& pair, DocId id) = 0;
  /// Each programme's title by its id.
  virtual const std::map<std::string, std::string>& program_titles() = 0;
  /// The commit the index was built from ("" outside git).
  virtual const std::string& source_commit() = 0;
};

/// The results of `q`. Counts are exact, as the server's are when facets are asked for.
Results static_search(const Query& q, StaticSource& index, TermCache& cache);

}  // namespace gazette::search::detail
