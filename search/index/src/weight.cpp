#include "weight.hpp"

#include <algorithm>
#include <cmath>

namespace gazette::search::detail {

namespace {

// BM25's parameters, Xapian's defaults.
constexpr double kK1 = 1.0;
constexpr double kB = 0.5;
constexpr double kMinNormalLength = 0.5;

}  // namespace

double fixed_point(double weight) { return std::round(weight / kWeightUnit) * kWeightUnit; }

double term_idf(double doccount, double termfreq) {
  if (doccount == 0 || termfreq == 0) return 0;
  double tw = (doccount - termfreq + 0.5) / (termfreq + 0.5);
  if (tw < 2) tw = tw * 0.5 + 1;  // a term in most records still weighs a little
  return std::log(tw);
}

double bm25_part(double idf, double wdf, double doclength, double average_length) {
  if (wdf == 0) return 0;
  double normal_length =
      std::max(average_length == 0 ? 0 : doclength / average_length, kMinNormalLength);
  return idf * (kK1 + 1) * wdf / (kK1 * (normal_length * kB + (1 - kB)) + wdf);
}

FixedBM25Weight::FixedBM25Weight() {
  need_stat(COLLECTION_SIZE);
  need_stat(TERMFREQ);
  need_stat(WDF);
  need_stat(WDF_MAX);
  need_stat(DOC_LENGTH);
  need_stat(DOC_LENGTH_MIN);
  need_stat(AVERAGE_LENGTH);
}

Xapian::Weight* FixedBM25Weight::clone() const { return new FixedBM25Weight(); }

Xapian::Weight* FixedBM25Weight::unserialise(const std::string&) const {
  return new FixedBM25Weight();
}

void FixedBM25Weight::init(double factor) {
  factor_ = factor;
  idf_ = term_idf(static_cast<double>(get_collection_size()), static_cast<double>(get_termfreq()));
}

double FixedBM25Weight::get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen,
                                    Xapian::termcount) const {
  if (factor_ == 0) return 0;
  // Rounded before it is scaled: the factors gazette uses (2, 5) keep it a multiple.
  return fixed_point(bm25_part(idf_, wdf, doclen, get_average_length())) * factor_;
}

double FixedBM25Weight::get_maxpart() const {
  if (factor_ == 0) return 0;
  // The most any record can get: the most frequent mention in the shortest record, rounded
  // up a unit past whatever rounding gives.
  double most =
      bm25_part(idf_, get_wdf_upper_bound(), get_doclength_lower_bound(), get_average_length());
  return (fixed_point(most) + kWeightUnit) * factor_;
}

}  // namespace gazette::search::detail
