// What the server's index knows of its terms and words (query.hpp's IndexWords), from Xapian.
#pragma once

#include <xapian.h>

#include <vector>

#include "query.hpp"
#include "reading.hpp"

namespace gazette::search::detail {

class XapianWords : public IndexWords {
 public:
  /// `parts`: the local databases (the live index, its archives, local shards); `local`:
  /// them as one; `all`: with remote shards too (asked only about terms `local` lacks), or
  /// null when there are none.
  /// `known`: the words titles and bodies write, with how often (known_words()).
  XapianWords(const Xapian::Database& local, const Xapian::Database* all,
              const std::vector<Xapian::Database>& parts, const std::vector<KnownWord>& known)
      : local_(local), all_(all), parts_(parts), known_(known) {}
  double doccount() override { return static_cast<double>(local_.get_doccount()); }
  double termfreq(const std::string& term) override {
    return static_cast<double>(local_.get_termfreq(term));
  }
  bool has_term(const std::string& term) override {
    return local_.term_exists(term) || (all_ && all_->term_exists(term));
  }
  std::uint64_t pair_count(const std::string& key) override;
  std::string nearest(const std::string& form) override { return nearest_word(form, known_); }

 private:
  const Xapian::Database& local_;
  const Xapian::Database* all_;
  const std::vector<Xapian::Database>& parts_;
  const std::vector<KnownWord>& known_;
};

/// The words the titles and bodies of `db` write (its spelling table), with how often.
std::vector<KnownWord> known_words(const Xapian::Database& db);

}  // namespace gazette::search::detail
