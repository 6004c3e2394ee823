// What the static matcher (static_match.hpp) reads, read from Xapian databases: the source the
// static index is written from, and what tests hold the static matcher to.
#pragma once

#include <xapian.h>

#include <array>
#include <filesystem>
#include <map>
#include <tuple>
#include <unordered_map>

#include "static_match.hpp"
#include "static_search.hpp"
#include "xapian_words.hpp"

namespace gazette::search::detail {

/// The archives of past rounds under `index_dir` that were written to the end, in order.
std::vector<std::filesystem::path> complete_archives(const std::filesystem::path& index_dir);

/// The live index and those archives, opened one by one, as the Searcher opens them.
std::vector<Xapian::Database> index_parts(const std::filesystem::path& index_dir);

class XapianSource : public MatchSource {
 public:
  /// `db`: the live index and its archives, opened as one (as the Searcher opens them).
  explicit XapianSource(const Xapian::Database& db);
  double doccount() override { return static_cast<double>(db_.get_doccount()); }
  double average_length() override { return db_.get_avlength(); }
  const std::vector<DocId>& all() override { return all_; }
  std::uint32_t length(DocId id) override { return lengths_.at(id); }
  const Postings& postings(const std::string& term) override;
  bool together(const std::string& first, const std::string& second, DocId id) override;
  const std::vector<std::uint32_t>& pair_starts(const std::string& first, const std::string& second,
                                                DocId id) override;
  bool together_as_typed(const NeighbourPair& pair, DocId id);
  /// Where `term` stands in record `id`, ascending; empty when it does not, or when the index
  /// keeps no positions of it.
  const std::vector<std::uint32_t>& positions(const std::string& term, DocId id);
  const std::string& value(unsigned slot, DocId id) override;

 private:
  Xapian::Database db_;
  std::vector<DocId> all_;
  std::unordered_map<DocId, std::uint32_t> lengths_;
  std::map<std::string, Postings, std::less<>> postings_;
  std::uint32_t wdf(const std::string& term, DocId id);
  const std::vector<std::uint32_t>& written_at(const std::string& exact, const std::string& folded,
                                               DocId id);
  std::map<std::pair<std::string, DocId>, std::vector<std::uint32_t>> positions_;
  std::map<std::tuple<std::string, std::string, DocId>, std::vector<std::uint32_t>> starts_;
  std::map<std::pair<unsigned, DocId>, std::string> values_;
};

/// Everything static_search() reads, from Xapian databases: the live index and its archives,
/// opened one by one (`parts`). What the static index is written from, and what tests hold
/// static_search() to.
class XapianStaticSource : public StaticSource {
 public:
  explicit XapianStaticSource(std::vector<Xapian::Database> parts);
  double doccount() override { return source_.doccount(); }
  double average_length() override { return source_.average_length(); }
  const std::vector<DocId>& all() override { return source_.all(); }
  std::uint32_t length(DocId id) override { return source_.length(id); }
  const Postings& postings(const std::string& term) override { return source_.postings(term); }
  bool together(const std::string& first, const std::string& second, DocId id) override {
    return source_.together(first, second, id);
  }
  const std::vector<std::uint32_t>& pair_starts(const std::string& first, const std::string& second,
                                                DocId id) override {
    return source_.pair_starts(first, second, id);
  }
  bool together_as_typed(const NeighbourPair& pair, DocId id) override {
    return source_.together_as_typed(pair, id);
  }
  const std::string& value(unsigned slot, DocId id) override { return source_.value(slot, id); }
  double termfreq(const std::string& term) override { return words_.termfreq(term); }
  bool has_term(const std::string& term) override { return words_.has_term(term); }
  std::uint64_t pair_count(const std::string& key) override { return words_.pair_count(key); }
  std::string nearest(const std::string& form) override { return words_.nearest(form); }
  const std::string& data(DocId id) override;
  const std::map<std::string, std::string>& program_titles() override { return titles_; }
  const std::string& source_commit() override { return commit_; }

 private:
  static Xapian::Database joined(const std::vector<Xapian::Database>& parts);
  std::vector<Xapian::Database> parts_;
  Xapian::Database db_;
  XapianSource source_;
  std::vector<KnownWord> known_;
  XapianWords words_;
  std::map<std::string, std::string> titles_;
  std::string commit_;
  std::map<DocId, std::string> data_;
};

}  // namespace gazette::search::detail
