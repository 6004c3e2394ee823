// The plan of a search (plan.hpp) run without Xapian, over what the static index holds: the
// matcher of the browser's engine (issue 13), compiled natively too so that tests hold it
// equal to Xapian's answers: the same records, and bitwise the same weights (weight.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "gazette/core.hpp"
#include "plan.hpp"

namespace gazette::search::detail {

using DocId = std::uint32_t;

/// The records that have a term, ascending, with how often each has it.
struct Postings {
  std::vector<DocId> ids;
  std::vector<std::uint32_t> wdfs;
};

/// What the matcher reads of an index. Documents are numbered as Xapian numbers the live
/// index and its archives opened as one (interleaved).
class MatchSource {
 public:
  virtual ~MatchSource() = default;
  virtual double doccount() = 0;
  virtual double average_length() = 0;
  /// Every record, ascending.
  virtual const std::vector<DocId>& all() = 0;
  virtual std::uint32_t length(DocId id) = 0;
  /// Empty when no record has it.
  virtual const Postings& postings(const std::string& term) = 0;
  /// Whether folded terms `first` and `second` stand side by side, in that order, in record
  /// `id` (the static index keeps this for every pair of neighbouring words, not positions).
  virtual bool together(const std::string& first, const std::string& second, DocId id) = 0;
  /// Where `first` stands with `second` right after it in record `id`, ascending (phrases of
  /// three words or more).
  virtual const std::vector<std::uint32_t>& pair_starts(const std::string& first,
                                                        const std::string& second, DocId id) = 0;
  /// The record's value in `slot`, "" when it has none.
  virtual const std::string& value(unsigned slot, DocId id) = 0;
};

struct Scored {
  DocId id;
  double weight;
};

/// Every record `plan` matches, ascending, with its weight; the open calls are those open at
/// `now`.
std::vector<Scored> match_plan(const Plan& plan, MatchSource& index, Instant now);

}  // namespace gazette::search::detail
