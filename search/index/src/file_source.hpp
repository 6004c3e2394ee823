// What static_search() reads, read from the static index's files (static_format.hpp): the
// browser's source, compiled natively too so that tests hold it to the Xapian one.
//
// Files come through a FileStore, filled by whoever fetches them. A search asks for what it
// needs; what is not there yet reads as empty and is noted as wanted, so one run names every
// file it got to: the caller fetches those (one round) and runs again, until a run wants
// nothing (search_files()).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "reading.hpp"
#include "static_search.hpp"

namespace gazette::search::detail {

/// search/manifest.json: the index's figures and the names of its files.
struct StaticManifest {
  double doccount = 0;
  double average_length = 0;  ///< exactly Xapian's (written as a hexadecimal float)
  std::string source_commit;
  std::map<std::string, std::string> program_titles;
  std::uint32_t chunk = 1;  ///< records in each docs file
  std::vector<std::string> terms, pairs, runs, docs;
  std::string lengths, words;
  std::map<unsigned, std::string> values;
};

std::string manifest_json(const StaticManifest& manifest);
/// nullopt when `json` is not a manifest of this format.
std::optional<StaticManifest> read_manifest(std::string_view json);

/// The files fetched so far, inflated, and those a search wanted and did not find.
class FileStore {
 public:
  void add(const std::string& name, std::string bytes) { files_[name] = std::move(bytes); }
  /// The file, or null (then noted as wanted).
  const std::string* get(const std::string& name);
  /// What runs since the last take_wanted() wanted, and forgets it.
  std::set<std::string> take_wanted() { return std::exchange(wanted_, {}); }
  /// The file is unreadable: a search names it in its error.
  void damaged(const std::string& name) { damaged_.insert(name); }
  const std::set<std::string>& damaged_files() const { return damaged_; }

 private:
  std::map<std::string, std::string> files_;
  std::set<std::string> wanted_, damaged_;
};

class FileStaticSource : public StaticSource {
 public:
  FileStaticSource(const StaticManifest& manifest, FileStore& files);
  double doccount() override { return manifest_.doccount; }
  double average_length() override { return manifest_.average_length; }
  const std::vector<DocId>& all() override;
  std::uint32_t length(DocId id) override;
  const Postings& postings(const std::string& term) override;
  bool together(const std::string& first, const std::string& second, DocId id) override;
  const std::vector<std::uint32_t>& pair_starts(const std::string& first, const std::string& second,
                                                DocId id) override;
  const std::string& value(unsigned slot, DocId id) override;
  double termfreq(const std::string& term) override {
    return static_cast<double>(postings(term).ids.size());
  }
  bool has_term(const std::string& term) override { return !postings(term).ids.empty(); }
  std::uint64_t pair_count(const std::string& key) override;
  std::string nearest(const std::string& form) override;
  bool together_as_typed(const NeighbourPair& pair, DocId id) override;
  const std::string& data(DocId id) override;
  const std::map<std::string, std::string>& program_titles() override {
    return manifest_.program_titles;
  }
  const std::string& source_commit() override { return manifest_.source_commit; }

 private:
  using Entries = std::unordered_map<std::string_view, std::string_view>;
  struct Column {
    std::vector<std::string> values;
    std::vector<std::uint32_t> codes;
  };
  bool load_lengths();
  /// The record's place in `lengths`, or none.
  std::optional<std::size_t> place(DocId id);
  /// The keyed entries of a sharded file holding `key`, or null while it is not there.
  const Entries* entries(const std::vector<std::string>& family, const std::string& key);
  std::string_view entry(const std::vector<std::string>& family, const std::string& key);
  const std::vector<DocId>& pair_records(const std::string& key);

  const StaticManifest& manifest_;
  FileStore& files_;
  bool lengths_loaded_ = false;
  std::vector<DocId> all_;
  std::vector<std::uint32_t> lengths_;
  std::map<unsigned, Column> columns_;
  std::map<std::string, Entries, std::less<>> entries_;
  std::map<std::string, Postings, std::less<>> postings_;
  std::map<std::string, std::vector<DocId>, std::less<>> pairs_;
  std::map<std::string, std::map<DocId, std::vector<std::uint32_t>>, std::less<>> runs_;
  std::optional<std::vector<KnownWord>> words_;
  std::map<std::size_t, std::vector<std::string>> chunks_;
};

/// The files every search of `q` reads whatever its words (the lengths, the call states, the
/// columns its facets and order read): fetched with the first round.
std::vector<std::string> first_files(const Query& q, const StaticManifest& manifest);

/// What fetching answers: the inflated bytes of each name, or nullopt when it cannot be had.
using Fetch = std::function<std::optional<std::string>(const std::string& name)>;

struct FilesAnswer {
  Results results;
  std::string error;  ///< what went wrong ("" when the results stand)
  int rounds = 0;     ///< rounds of fetches it took
  std::vector<std::string> fetched;
};

/// static_search() over the files, fetching them in rounds as it finds it wants them: the
/// engine's loop (the browser runs the same with fetch()).
FilesAnswer search_files(const Query& q, const StaticManifest& manifest, FileStore& store,
                         const Fetch& fetch, TermCache& cache);

}  // namespace gazette::search::detail
