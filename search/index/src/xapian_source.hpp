// What the static matcher (static_match.hpp) reads, read from Xapian databases: the source the
// static index is written from, and what tests hold the static matcher to.
#pragma once

#include <xapian.h>

#include <array>
#include <map>
#include <unordered_map>

#include "static_match.hpp"

namespace gazette::search::detail {

class XapianSource : public MatchSource {
 public:
  /// `db`: the live index and its archives, opened as one (as the Searcher opens them).
  explicit XapianSource(const Xapian::Database& db);
  double doccount() override { return static_cast<double>(db_.get_doccount()); }
  double average_length() override { return db_.get_avlength(); }
  const std::vector<DocId>& all() override { return all_; }
  std::uint32_t length(DocId id) override { return lengths_.at(id); }
  const Postings& postings(const std::string& term) override;
  const std::vector<std::uint32_t>& positions(const std::string& term, DocId id) override;
  const std::string& value(unsigned slot, DocId id) override;

 private:
  Xapian::Database db_;
  std::vector<DocId> all_;
  std::unordered_map<DocId, std::uint32_t> lengths_;
  std::map<std::string, Postings, std::less<>> postings_;
  std::map<std::pair<std::string, DocId>, std::vector<std::uint32_t>> positions_;
  std::map<std::pair<unsigned, DocId>, std::string> values_;
};

}  // namespace gazette::search::detail
