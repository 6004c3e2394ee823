// One score for gazette serve and the browser's engine: BM25 (k1 = 1, b = 0.5, as Xapian's
// BM25Weight by default), each term's part rounded to a multiple of kWeightUnit. Sums of such
// parts are exact in a double, so two matchers that add a record's parts in different orders
// (Xapian's postlist tree, the static engine's loop) give bitwise the same weight, and the
// same order of hits.
#pragma once

#include <xapian.h>

#include <string>

namespace gazette::search::detail {

/// Every weight is a multiple of this: 2^-24. A record's weight stays far below 2^29, where
/// sums of such multiples would stop being exact.
inline constexpr double kWeightUnit = 1.0 / 16777216.0;

/// `weight` rounded to the nearest multiple of kWeightUnit.
double fixed_point(double weight);

/// BM25's inverse document frequency of a term in `termfreq` of `doccount` records (with
/// Xapian's floor for common terms): a term's part of a record weighs up to twice this.
double term_idf(double doccount, double termfreq);

/// A term's part of a record's weight, unrounded: BM25 of a term whose idf is `idf`, in a
/// record that has it `wdf` times and is `doclength` terms long, where records are
/// `average_length` long on average.
double bm25_part(double idf, double wdf, double doclength, double average_length);

/// BM25 with each term's part rounded (fixed_point), as a Xapian weighting scheme. A local
/// scheme: xapian-tcpsrv knows only Xapian's own, so a search with remote shards weighs by
/// Xapian::BM25Weight.
class FixedBM25Weight : public Xapian::Weight {
 public:
  FixedBM25Weight();
  Xapian::Weight* clone() const override;
  void init(double factor) override;
  std::string name() const override { return "gazette.FixedBM25"; }
  std::string serialise() const override { return {}; }
  Xapian::Weight* unserialise(const std::string&) const override;
  double get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen,
                     Xapian::termcount uniqterms) const override;
  double get_maxpart() const override;
  double get_sumextra(Xapian::termcount, Xapian::termcount) const override { return 0; }
  double get_maxextra() const override { return 0; }

 private:
  double idf_ = 0;
  double factor_ = 1;
};

}  // namespace gazette::search::detail
