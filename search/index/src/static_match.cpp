#include "static_match.hpp"

#include <algorithm>

#include "terms.hpp"
#include "weight.hpp"

namespace gazette::search::detail {

namespace {

using Matches = std::vector<Scored>;  // ascending ids
using Op = Plan::Op;

// Records of `a` and of `b`, each weighing what it weighs in those that match it.
Matches either(const Matches& a, const Matches& b) {
  Matches out;
  out.reserve(a.size() + b.size());
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].id < b[j].id)) {
      out.push_back(a[i++]);
    } else if (i == a.size() || b[j].id < a[i].id) {
      out.push_back(b[j++]);
    } else {
      out.push_back({a[i].id, a[i].weight + b[j].weight});
      ++i;
      ++j;
    }
  }
  return out;
}

// Records of `a` that `b` has too (`add`: with b's weight added).
Matches both(const Matches& a, const Matches& b, bool add) {
  Matches out;
  std::size_t j = 0;
  for (const Scored& m : a) {
    while (j < b.size() && b[j].id < m.id) ++j;
    if (j < b.size() && b[j].id == m.id)
      out.push_back({m.id, add ? m.weight + b[j].weight : m.weight});
  }
  return out;
}

// Records of `a` that `b` lacks.
Matches without(const Matches& a, const Matches& b) {
  Matches out;
  std::size_t j = 0;
  for (const Scored& m : a) {
    while (j < b.size() && b[j].id < m.id) ++j;
    if (j == b.size() || b[j].id != m.id) out.push_back(m);
  }
  return out;
}

// Records of `a`, with b's weight added where b matches too.
Matches maybe(const Matches& a, const Matches& b) {
  Matches out = a;
  std::size_t j = 0;
  for (Scored& m : out) {
    while (j < b.size() && b[j].id < m.id) ++j;
    if (j < b.size() && b[j].id == m.id) m.weight += b[j].weight;
  }
  return out;
}

class Run {
 public:
  Run(MatchSource& index, Instant now) : index_(index), now_(now) {}

  Matches of(const Plan& plan) {
    switch (plan.op) {
      case Op::nothing:
        return {};
      case Op::every:
        return weighing(index_.all(), 0);
      case Op::term:
        return term(plan.term);
      case Op::flag:
        return weighing(index_.postings(plan.term).ids, 0);
      case Op::all:
      case Op::filter:
      case Op::except:
      case Op::maybe:
      case Op::any:
        return joined(plan);
      case Op::phrase:
        return phrase(plan);
      case Op::scale: {
        Matches m = of(plan.children.at(0));
        for (Scored& s : m) s.weight *= plan.factor;
        return m;
      }
      case Op::fixed: {
        Matches m = of(plan.children.at(0));
        for (Scored& s : m) s.weight = plan.factor;
        return m;
      }
      case Op::value_between:
        return values_between(plan);
      case Op::open_bonus:
        return open_calls(plan.factor);
    }
    return {};
  }

 private:
  static Matches weighing(const std::vector<DocId>& ids, double weight) {
    Matches m;
    m.reserve(ids.size());
    for (DocId id : ids) m.push_back({id, weight});
    return m;
  }

  // BM25's part of each record with the term, rounded as on the server.
  Matches term(const std::string& t) {
    const Postings& p = index_.postings(t);
    double idf = term_idf(index_.doccount(), static_cast<double>(p.ids.size()));
    double average = index_.average_length();
    Matches m;
    m.reserve(p.ids.size());
    for (std::size_t i = 0; i < p.ids.size(); ++i) {
      double part = bm25_part(idf, p.wdfs[i], index_.length(p.ids[i]), average);
      m.push_back({p.ids[i], fixed_point(part)});
    }
    return m;
  }

  Matches joined(const Plan& plan) {
    if (plan.children.empty()) return {};
    Matches out = of(plan.children[0]);
    if (plan.op == Op::except || plan.op == Op::filter) {
      // The first child against the others: any of them excludes, all of them must hold.
      for (std::size_t k = 1; k < plan.children.size(); ++k) {
        Matches other = of(plan.children[k]);
        out = plan.op == Op::except ? without(out, other) : both(out, other, false);
      }
      return out;
    }
    for (std::size_t k = 1; k < plan.children.size(); ++k) {
      Matches other = of(plan.children[k]);
      if (plan.op == Op::all) out = both(out, other, true);
      if (plan.op == Op::any) out = either(out, other);
      if (plan.op == Op::maybe) out = maybe(out, other);
    }
    return out;
  }

  // Every term, the k-th standing k places after the first: for two terms, the pair side by
  // side; for more, a start of the first pair where each next pair starts one place later.
  Matches phrase(const Plan& plan) {
    Matches all = joined(Plan::join(Op::all, plan.children));
    const auto& c = plan.children;
    Matches out;
    for (const Scored& m : all) {
      bool found = false;
      if (c.size() == 2) {
        found = index_.together(c[0].term, c[1].term, m.id);
      } else {
        for (std::uint32_t p : index_.pair_starts(c[0].term, c[1].term, m.id)) {
          found = true;
          for (std::size_t k = 1; k + 1 < c.size() && found; ++k) {
            const auto& at = index_.pair_starts(c[k].term, c[k + 1].term, m.id);
            found = std::binary_search(at.begin(), at.end(), p + static_cast<std::uint32_t>(k));
          }
          if (found) break;
        }
      }
      if (found) out.push_back(m);
    }
    return out;
  }

  Matches values_between(const Plan& plan) {
    Matches out;
    for (DocId id : index_.all()) {
      const std::string& v = index_.value(plan.slot, id);
      if (v.empty()) continue;  // as Xapian: a record without a value is in no range
      if (!plan.low.empty() && v < plan.low) continue;
      if (!plan.high.empty() && v > plan.high) continue;
      out.push_back({id, 0});
    }
    return out;
  }

  Matches open_calls(double bonus) {
    Matches out;
    for (DocId id : index_.all()) {
      if (open_at(index_.value(kCallSlot, id), now_.epoch_seconds)) out.push_back({id, bonus});
    }
    return out;
  }

  MatchSource& index_;
  Instant now_;
};

}  // namespace

std::vector<Scored> match_plan(const Plan& plan, MatchSource& index, Instant now) {
  return Run(index, now).of(plan);
}

}  // namespace gazette::search::detail
