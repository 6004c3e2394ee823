// The fixed-point BM25 weight: what Xapian's matcher gives equals the rounded parts added in
// any order, and its bound lets the matcher skip records without losing the best.
#include "weight.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <cmath>
#include <string>
#include <vector>

using namespace gazette::search::detail;

namespace {

// Records of varied lengths where "a", "b" and "c" appear varied numbers of times.
Xapian::WritableDatabase sample_database() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (unsigned i = 0; i < 60; ++i) {
    Xapian::Document doc;
    doc.add_term("a", 1 + i % 4);
    if (i % 3 == 0) doc.add_term("b", 1 + i % 5);
    if (i % 7 == 0) doc.add_term("c", 1 + i % 2);
    doc.add_term("filler", 1 + (i * 37) % 90);
    db.add_document(doc);
  }
  return db;
}

bool is_multiple_of_unit(double w) {
  double units = w / kWeightUnit;
  return units == std::floor(units);
}

}  // namespace

TEST_CASE("search weight: a record's weight is its terms' rounded parts, added in any order") {
  Xapian::WritableDatabase db = sample_database();
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(FixedBM25Weight());
  std::vector<Xapian::Query> terms{Xapian::Query("a"), Xapian::Query("b"), Xapian::Query("c")};
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
  REQUIRE(all.size() == db.get_doccount());
  double n = db.get_doccount();
  double average = db.get_avlength();
  for (auto it = all.begin(); it != all.end(); ++it) {
    std::vector<double> parts;
    for (const char* term : {"a", "b", "c"}) {
      Xapian::termcount wdf = 0;
      for (auto t = db.termlist_begin(*it); t != db.termlist_end(*it); ++t) {
        if (*t == term) wdf = t.get_wdf();
      }
      double idf = term_idf(n, db.get_termfreq(term));
      parts.push_back(fixed_point(bm25_part(idf, wdf, db.get_doclength(*it), average)));
    }
    double forward = parts[0] + parts[1] + parts[2];
    double backward = parts[2] + parts[1] + parts[0];
    double middle = parts[1] + parts[0] + parts[2];
    CHECK(it.get_weight() == forward);
    CHECK(forward == backward);
    CHECK(forward == middle);
    CHECK(is_multiple_of_unit(it.get_weight()));
  }
  // Scaled by the factors gazette uses, a weight stays a multiple.
  enquire.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("b"), 5.0));
  Xapian::MSet scaled = enquire.get_mset(0, 100);
  REQUIRE(!scaled.empty());
  for (auto it = scaled.begin(); it != scaled.end(); ++it) {
    CHECK(is_multiple_of_unit(it.get_weight()));
  }
}

TEST_CASE("search weight: the best records come first when the matcher may skip the rest") {
  Xapian::WritableDatabase db = sample_database();
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(FixedBM25Weight());
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query("a"),
                    Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("b"), Xapian::Query("c"))));
  Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
  for (Xapian::doccount top : {1u, 3u, 10u}) {
    // Asked for a few, the matcher drops records whose bound cannot reach them.
    Xapian::MSet few = enquire.get_mset(0, top);
    REQUIRE(few.size() == top);
    for (Xapian::doccount i = 0; i < top; ++i) {
      CHECK(*few[i] == *all[i]);
      CHECK(few[i].get_weight() == all[i].get_weight());
    }
  }
}

TEST_CASE("search weight: rounding") {
  CHECK(fixed_point(0) == 0);
  CHECK(fixed_point(kWeightUnit * 3.4) == kWeightUnit * 3);
  CHECK(fixed_point(kWeightUnit * 3.6) == kWeightUnit * 4);
  CHECK(is_multiple_of_unit(fixed_point(std::log(7.0))));
  // A term in most records still weighs a little, one in few much more.
  CHECK(term_idf(100, 90) > 0);
  CHECK(term_idf(100, 2) > term_idf(100, 50));
  CHECK(term_idf(100, 0) == 0);
  // More mentions weigh more, a longer record less; never past twice the idf.
  CHECK(bm25_part(1, 2, 100, 100) > bm25_part(1, 1, 100, 100));
  CHECK(bm25_part(1, 1, 200, 100) < bm25_part(1, 1, 100, 100));
  CHECK(bm25_part(1, 1000, 1, 100) < 2);
}
