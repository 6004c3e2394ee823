// A search as plain data: the tree of what must match and what each part weighs, built once
// from the query (query.hpp) and run by Xapian on the server (xapian_query) and by the
// browser's engine over the static index, so that both run the same question.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace gazette::search::detail {

struct Plan {
  enum class Op {
    nothing,        ///< matches no record
    every,          ///< every record, weighing nothing
    term,           ///< the records with `term`, each weighing its BM25 part (weight.hpp)
    flag,           ///< the records with `term`, weighing nothing (filters, days)
    all,            ///< the records every child matches; the children's weights added
    any,            ///< the records some child matches; the matching children's weights added
    maybe,          ///< the first child's records, the others' weights added where they match
    except,         ///< the first child's records that the second does not match
    filter,         ///< the first child's records that the second matches; the first's weight
    phrase,         ///< the children (terms) side by side, in order; their weights added
    scale,          ///< the child's records, its weight times `factor`
    fixed,          ///< the child's records, each weighing `factor`, whatever the child weighs
    value_between,  ///< the records with a value in `slot` in [low, high] (empty: no bound)
    open_bonus,     ///< the calls open at the query's clock, each weighing `factor`
  };
  Op op = Op::nothing;
  std::string term;
  double factor = 0;
  unsigned slot = 0;
  std::string low, high;
  std::vector<Plan> children;

  static Plan of_term(std::string t) { return Plan{Op::term, std::move(t), 0, 0, {}, {}, {}}; }
  static Plan of_flag(std::string t) { return Plan{Op::flag, std::move(t), 0, 0, {}, {}, {}}; }
  static Plan join(Op op, std::vector<Plan> children) {
    return Plan{op, {}, 0, 0, {}, {}, std::move(children)};
  }
  static Plan scaled(Plan child, double factor) {
    return Plan{Op::scale, {}, factor, 0, {}, {}, {std::move(child)}};
  }
  static Plan weighing(Plan child, double weight) {
    return Plan{Op::fixed, {}, weight, 0, {}, {}, {std::move(child)}};
  }
  static Plan value_in(unsigned slot, std::string low, std::string high) {
    return Plan{Op::value_between, {}, 0, slot, std::move(low), std::move(high), {}};
  }
  bool empty() const { return op == Op::nothing; }
};

}  // namespace gazette::search::detail
