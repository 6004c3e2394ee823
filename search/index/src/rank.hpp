// Ranking beyond BM25: open calls first at comparable relevance, and the best matches
// re-ranked by how their words stand (side by side, as typed).
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "query.hpp"

namespace gazette::search::detail {

/// The calls open at one moment, in each local database: a sorted list of document ids, worked
/// out once from the stored deadlines and kept until a call opens or closes (reading each
/// match's deadline instead costs a value-stream lookup per match, most of a rare query's
/// time).
class OpenCalls {
 public:
  /// Works the lists out again unless they hold at `now`; `until`: the next moment a call
  /// opens or closes after `now` (none: never).
  void update(const std::vector<Xapian::Database>& parts, Instant now,
              std::optional<Instant> until);
  /// Forgets them (the index was opened again).
  void clear() { known_ = false; }
  /// The open calls of the database with this UUID, or null if it is not one of the parts.
  const std::vector<Xapian::docid>* of(const std::string& uuid) const;
  /// Whether document `id` of the parts joined as one database (as Xapian numbers them) is
  /// an open call.
  bool open(Xapian::docid id) const;
  /// How many databases the lists are of.
  std::size_t parts() const { return ids_.size(); }

 private:
  bool known_ = false;
  Instant from_;
  std::optional<Instant> until_;
  std::vector<std::string> uuids_;
  std::vector<std::vector<Xapian::docid>> ids_;  // per part
};

/// The open calls, each weighing `bonus`: from `calls` (a posting source of this module), or,
/// with remote shards (which run only Xapian's own sources), `calls` null, from the stored
/// deadlines compared to `now`.
Xapian::Query open_bonus_query(const OpenCalls* calls, Instant now, double bonus);

/// Counts the matches that are open calls.
class OpenCounter : public Xapian::MatchSpy {
 public:
  OpenCounter(const OpenCalls& calls, Instant now) : calls_(calls), now_(now) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  std::size_t open() const { return open_; }
  std::size_t seen() const { return seen_; }

 private:
  const OpenCalls& calls_;
  Instant now_;
  std::size_t open_ = 0, seen_ = 0;
};

struct Candidate {
  Xapian::docid id;
  double weight;
  int percent;
};

/// Re-ranks `ranked` (the best matches): each gains, in typical weights, the share of the
/// query's neighbouring words standing side by side in it, and again the share standing side
/// by side as typed (both typed with marks). Reads each candidate's positions of those words.
void rerank(const Xapian::Database& db, std::vector<Candidate>& ranked,
            const std::vector<NeighbourPair>& pairs, double typical_weight);

}  // namespace gazette::search::detail
