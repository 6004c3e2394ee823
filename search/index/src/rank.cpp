#include "rank.hpp"

#include <algorithm>
#include <map>
#include <type_traits>

#include "weight.hpp"
#include "xapian_plan.hpp"

namespace gazette::search::detail {

// Positions are read into the vectors adjacent() (query.hpp) takes.
static_assert(std::is_same_v<Xapian::termpos, std::uint32_t>);

namespace {

// Positions of terms in one document, each read once.
class Positions {
 public:
  Positions(const Xapian::Database& db, Xapian::docid id) : db_(db), id_(id) {}
  const std::vector<Xapian::termpos>& of(const std::string& term) {
    auto [it, added] = positions_.try_emplace(term);
    if (added) {
      for (auto p = db_.positionlist_begin(id_, term); p != db_.positionlist_end(id_, term); ++p) {
        it->second.push_back(*p);
      }
    }
    return it->second;
  }
  // The positions of a word as written, whose document has it `wdf` times and its folded
  // word `folded_wdf` times: none, the folded word's when they are all of it (the index keeps
  // those alone), else its own.
  const std::vector<Xapian::termpos>& of_written(const std::string& exact, Xapian::termcount wdf,
                                                 const std::string& folded,
                                                 Xapian::termcount folded_wdf) {
    static const std::vector<Xapian::termpos> kNone;
    if (wdf == 0) return kNone;
    return wdf == folded_wdf ? of(folded) : of(exact);
  }
  bool together(const std::string& a, const std::string& b) {
    const auto& first = of(a);
    return !first.empty() && adjacent(first, of(b));
  }

 private:
  const Xapian::Database& db_;
  Xapian::docid id_;
  std::map<std::string, std::vector<Xapian::termpos>, std::less<>> positions_;
};

// How often each of `ids` (ascending) has `term`: one pass along its posting list.
std::vector<Xapian::termcount> wdfs(const Xapian::Database& db, const std::string& term,
                                    const std::vector<Xapian::docid>& ids) {
  std::vector<Xapian::termcount> wdf(ids.size(), 0);
  auto it = db.postlist_begin(term);
  for (std::size_t i = 0; i < ids.size() && it != db.postlist_end(term); ++i) {
    it.skip_to(ids[i]);
    if (it != db.postlist_end(term) && *it == ids[i]) wdf[i] = it.get_wdf();
  }
  return wdf;
}

}  // namespace

void OpenCalls::update(const std::vector<Xapian::Database>& parts, Instant now,
                       std::optional<Instant> until) {
  if (known_ && from_ <= now && (!until_ || now < *until_)) return;
  uuids_.clear();
  ids_.clear();
  for (const auto& part : parts) {
    // One pass along the call states, in document order.
    std::vector<Xapian::docid> ids;
    for (auto it = part.valuestream_begin(kCallSlot); it != part.valuestream_end(kCallSlot); ++it) {
      if (open_at(*it, now.epoch_seconds)) ids.push_back(it.get_docid());
    }
    uuids_.push_back(part.get_uuid());
    ids_.push_back(std::move(ids));
  }
  known_ = true;
  from_ = now;
  until_ = until;
}

const std::vector<Xapian::docid>* OpenCalls::of(const std::string& uuid) const {
  for (std::size_t i = 0; i < uuids_.size(); ++i) {
    if (uuids_[i] == uuid) return &ids_[i];
  }
  return nullptr;
}

bool OpenCalls::open(Xapian::docid id) const {
  if (ids_.empty()) return false;
  // Xapian interleaves the databases' documents: id 1 is the first's first, 2 the second's…
  std::size_t part = (id - 1) % ids_.size();
  Xapian::docid local = (id - 1) / static_cast<Xapian::docid>(ids_.size()) + 1;
  return std::binary_search(ids_[part].begin(), ids_[part].end(), local);
}

namespace {

// The open calls of one database as a posting list, each weighing `bonus`.
class OpenBonus : public Xapian::PostingSource {
 public:
  OpenBonus(const OpenCalls& calls, double bonus) : calls_(calls), bonus_(bonus) {}
  void init(const Xapian::Database& db) override {
    ids_ = calls_.of(db.get_uuid());
    if (!ids_) ids_ = &kNone;
    at_ = 0;
    started_ = false;
    set_maxweight(bonus_);
  }
  Xapian::doccount get_termfreq_min() const override { return count(); }
  Xapian::doccount get_termfreq_est() const override { return count(); }
  Xapian::doccount get_termfreq_max() const override { return count(); }
  double get_weight() const override { return bonus_; }
  Xapian::docid get_docid() const override { return (*ids_)[at_]; }
  void next(double) override {
    if (started_) ++at_;
    started_ = true;
  }
  void skip_to(Xapian::docid did, double) override {
    started_ = true;
    at_ = static_cast<std::size_t>(
        std::lower_bound(ids_->begin() + static_cast<std::ptrdiff_t>(at_), ids_->end(), did) -
        ids_->begin());
  }
  bool at_end() const override { return started_ && at_ >= ids_->size(); }
  Xapian::PostingSource* clone() const override { return new OpenBonus(calls_, bonus_); }
  std::string get_description() const override { return "OpenBonus"; }

 private:
  Xapian::doccount count() const { return static_cast<Xapian::doccount>(ids_->size()); }
  static inline const std::vector<Xapian::docid> kNone;
  const OpenCalls& calls_;
  double bonus_;
  const std::vector<Xapian::docid>* ids_ = &kNone;
  std::size_t at_ = 0;
  bool started_ = false;
};

}  // namespace

Xapian::Query open_bonus_query(const OpenCalls* calls, Instant now, double bonus) {
  if (calls) return Xapian::Query((new OpenBonus(*calls, bonus))->release());
  return Xapian::Query(Xapian::Query::OP_FILTER,
                       Xapian::Query((new Xapian::FixedWeightPostingSource(bonus))->release()),
                       xapian_query(open_calls(now), nullptr, now));
}

void OpenCounter::operator()(const Xapian::Document& doc, double) {
  ++seen_;
  // A match spy is shown each match as its own database numbers it: with archives or shards
  // beside the live index, that number does not say which database it is of, so the call's
  // state is read from the match itself.
  bool open = calls_.parts() == 1 ? calls_.open(doc.get_docid())
                                  : open_at(doc.get_value(kCallSlot), now_.epoch_seconds);
  if (open) ++open_;
}

void rerank(const Xapian::Database& db, std::vector<Candidate>& ranked,
            const std::vector<NeighbourPair>& pairs, double typical_weight) {
  if (pairs.empty()) return;
  std::size_t typed_pairs = 0;
  // How often each candidate has each word typed with marks, and its folded word: where the
  // two are equal, the document writes it one way, and the index keeps the folded positions.
  std::vector<Xapian::docid> ids;
  ids.reserve(ranked.size());
  for (const auto& c : ranked) ids.push_back(c.id);
  std::sort(ids.begin(), ids.end());
  std::map<std::string, std::vector<Xapian::termcount>, std::less<>> wdf;
  for (const auto& p : pairs) {
    if (p.first_exact.empty()) continue;
    ++typed_pairs;
    for (const auto* term : {&p.first_exact, &p.second_exact, &p.first, &p.second}) {
      if (!wdf.count(*term)) wdf.emplace(*term, wdfs(db, *term, ids));
    }
  }
  for (auto& c : ranked) {
    // Read from each candidate's word positions: cheaper than a phrase query over them.
    Positions positions(db, c.id);
    auto i = static_cast<std::size_t>(std::lower_bound(ids.begin(), ids.end(), c.id) - ids.begin());
    std::size_t together = 0, as_typed = 0;
    for (const auto& p : pairs) {
      if (!positions.together(p.first, p.second)) continue;
      ++together;
      if (p.first_exact.empty()) continue;
      const auto& first =
          positions.of_written(p.first_exact, wdf[p.first_exact][i], p.first, wdf[p.first][i]);
      const auto& second =
          positions.of_written(p.second_exact, wdf[p.second_exact][i], p.second, wdf[p.second][i]);
      as_typed += adjacent(first, second);
    }
    c.weight += neighbour_gain(together, pairs.size(), as_typed, typed_pairs, typical_weight);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const Candidate& a, const Candidate& b) { return a.weight > b.weight; });
}

}  // namespace gazette::search::detail
