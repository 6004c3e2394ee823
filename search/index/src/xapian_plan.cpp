#include "xapian_plan.hpp"

#include "query.hpp"
#include "rank.hpp"

namespace gazette::search::detail {

namespace {

Xapian::Query::op xapian_op(Plan::Op op) {
  switch (op) {
    case Plan::Op::all:
      return Xapian::Query::OP_AND;
    case Plan::Op::any:
      return Xapian::Query::OP_OR;
    case Plan::Op::maybe:
      return Xapian::Query::OP_AND_MAYBE;
    case Plan::Op::except:
      return Xapian::Query::OP_AND_NOT;
    case Plan::Op::filter:
      return Xapian::Query::OP_FILTER;
    default:
      return Xapian::Query::OP_PHRASE;
  }
}

}  // namespace

Xapian::Query xapian_query(const Plan& plan, const OpenCalls* calls, Instant now) {
  std::vector<Xapian::Query> children;
  children.reserve(plan.children.size());
  for (const Plan& child : plan.children) children.push_back(xapian_query(child, calls, now));
  switch (plan.op) {
    case Plan::Op::nothing:
      return Xapian::Query::MatchNothing;
    case Plan::Op::every:
      return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query::MatchAll, 0);
    case Plan::Op::term:
      return Xapian::Query(plan.term);
    case Plan::Op::flag:
      return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(plan.term), 0);
    case Plan::Op::all:
    case Plan::Op::any:
    case Plan::Op::maybe:
    case Plan::Op::except:
    case Plan::Op::filter:
      return Xapian::Query(xapian_op(plan.op), children.begin(), children.end());
    case Plan::Op::phrase:
      return Xapian::Query(Xapian::Query::OP_PHRASE, children.begin(), children.end(),
                           static_cast<Xapian::termcount>(children.size()));
    case Plan::Op::scale:
      return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, children.at(0), plan.factor);
    case Plan::Op::fixed:
      return Xapian::Query(
          Xapian::Query::OP_FILTER,
          Xapian::Query((new Xapian::FixedWeightPostingSource(plan.factor))->release()),
          children.at(0));
    case Plan::Op::value_between:
      // Xapian reads a lower bound of "" as every record, those without a value too: "\0" is
      // below every value and above none.
      if (plan.high.empty()) {
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, plan.slot,
                             plan.low.empty() ? std::string(1, '\0') : plan.low);
      }
      if (plan.low.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, plan.slot, plan.high);
      return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, plan.slot, plan.low, plan.high);
    case Plan::Op::open_bonus:
      return open_bonus_query(calls, now, plan.factor);
  }
  return Xapian::Query::MatchNothing;
}

}  // namespace gazette::search::detail
