// gazette search: a Xapian index of the site, and queries as people type them.
//
//   auto built = search::build_index(records, {}, index_dir);  // at the end of gazette build
//   auto searcher = search::Searcher::open(index_dir, {});     // one per thread
//   search::Query q;
//   q.text = "nang suat chat luong";
//   q.now = now();
//   auto r = (*searcher)->search(q);  // Result<Results>: an unreachable shard is an error
//
// Vietnamese has no stemmer: each syllable is indexed folded (no marks, đ → d, ƣ → u) with
// its positions, and as written (NFC, lower case, one tone placement). A word typed without
// marks matches every accented form; a word typed with marks ranks its exact form first, and
// in a "phrase" must be there as typed; words standing side by side rank higher, as typed
// higher still. Abbreviations and what they stand for ("KH&CN", "khoa học và công nghệ")
// match each other; a date finds what was issued or is due that day; misspellings and
// Telex/VNI keystrokes are read as meant; open calls rank first at comparable relevance.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gazette/core.hpp"

namespace gazette::search {

/// What a result shows of a searchable thing: the same when the index is written and when a
/// hit is found. Written to JSON in one place (the index's stored data, /api/search).
struct Listing {
  std::string url;   ///< unique: the page it opens
  std::string kind;  ///< notice, guidance, proposal-list, program, page, task
  std::string title;
  std::string number;
  std::string issuer;
  std::string province;
  std::string program;
  std::optional<int> round;
  std::string submitter;  ///< proposal lists and tasks
  std::string lead;       ///< tasks: lead organisation
  Date issued;
  std::optional<Instant> deadline;
  std::optional<Instant> opens;
  bool withdrawn = false;
  std::string parent_url;  ///< tasks: their list
  std::string parent_title;
  /// What its call's state is read from.
  CallTimes call() const { return CallTimes{opens, deadline, std::nullopt, false, withdrawn}; }
};

/// One searchable thing: a document, or a task of a proposal list.
struct Record {
  Listing listing;
  std::string body;      ///< the text as a reader sees it
  std::string keywords;  ///< further words to find it by: tags, references, signer…
};

/// Adds every field of `record` to `digest`: two records with the same digest index alike.
void digest_record(Sha256& digest, const Record& record);

/// A group of records built into a database of its own once and then kept (an archived
/// round): `name` names its directory.
struct Archive {
  std::string name;
  std::vector<const Record*> records;
};

struct IndexReport {
  std::size_t documents = 0;
  std::size_t segments_written = 0;  ///< segments of the live index indexed by this build
  std::size_t segments_kept = 0;     ///< segments a previous build wrote, reused
  std::size_t archives_built = 0;    ///< archives written by this build
  std::size_t archives_kept = 0;     ///< archives already there and left as they were
};

/// An index written but not yet in use.
struct PreparedIndex {
  std::filesystem::path index_dir;
  std::filesystem::path generation;  ///< the new live database
  IndexReport report;
  std::vector<std::string> segments;      ///< what it is merged from: kept once it is live
  std::vector<std::string> new_segments;  ///< of those and the archives', the ones written now
};

/// Writes the live index of `records` into a new directory under `index_dir`, noting the
/// source commit it was built from ("" outside git): merged into one database from segments
/// of a few hundred records, written in parallel, of which those a previous build wrote for
/// the same records are kept and reused unless `reuse_segments` is false. Archives that exist
/// already are kept, not rebuilt. Readers still see the previous index until switch_index().
Result<PreparedIndex> write_index(const std::vector<Record>& records,
                                  const std::vector<Archive>& archives,
                                  const std::filesystem::path& index_dir, unsigned threads = 0,
                                  const std::string& source_commit = {},
                                  bool reuse_segments = true);

/// Points `index_dir/live` at the prepared index in one step (a symlink replaced by rename):
/// readers see the old index or the new one. Removes generations older than the previous, and
/// the segments the new one is not made from.
Status switch_index(const PreparedIndex& prepared);

/// Removes a prepared index that will not be switched in, and the segments written for it:
/// the index folder is as the build found it.
void discard_index(const PreparedIndex& prepared);

/// Writes the static search index (the files the browser's engine reads: a site on a plain
/// file host searches without gazette serve) of the live database `live` and the archives
/// under `index_dir` into `out_dir`, in at most about `most_files` files. Returns the names
/// written, search/manifest.json last.
Result<std::vector<std::string>> write_static_index(const std::filesystem::path& live,
                                                    const std::filesystem::path& index_dir,
                                                    const std::filesystem::path& out_dir,
                                                    std::size_t most_files);

/// write_index() then switch_index().
Result<IndexReport> build_index(const std::vector<Record>& records,
                                const std::vector<Archive>& archives,
                                const std::filesystem::path& index_dir, unsigned threads = 0,
                                const std::string& source_commit = {});

/// What someone asks for.
struct Query {
  std::string text;
  std::vector<std::string> kinds, programs, provinces, issuers, submitters, leads;
  std::vector<int> rounds;
  std::optional<bool> open;  ///< true: open calls only; false: closed only
  std::optional<Date> issued_from, issued_to;
  std::optional<Date> deadline_from, deadline_to;
  enum class Sort { relevance, newest, deadline } sort = Sort::relevance;
  int page = 1;
  int page_size = 10;
  Instant now;                 ///< open/closed are decided against this clock, at query time
  int utc_offset_minutes = 0;  ///< the site's time zone: date ranges are its whole days
  /// Count every match per filter value (facets) and exactly: costs a pass over all matches,
  /// so only pages that show the counts ask for it.
  bool facets = false;
  /// The words exactly as typed: no misspelling corrected, no Telex/VNI keystrokes read.
  bool as_typed = false;
};

struct Hit {
  Listing listing;
  std::string snippet_html;  ///< escaped text with the matched words in <mark>
  int percent = 0;           ///< relevance, 0–100
};

/// How many results each value of a filter would give.
struct Facet {
  std::string name;  ///< kind, program, round, province, issuer, open
  std::vector<std::pair<std::string, std::size_t>> values;  ///< most first
  /// What readers call a value, where the index knows: a programme's title (from the
  /// programme's own record) for its id.
  std::map<std::string, std::string> labels;
};

struct Results {
  std::size_t total = 0;  ///< matches: exact with facets, else exact up to a hundred or so
  bool total_exact = true;
  std::vector<Hit> hits;
  std::vector<Facet> facets;
  std::string suggestion;  ///< "did you mean": the query with misspelled words corrected
  /// The hits are for `suggestion`, not for the text as typed: its misspellings or keystrokes
  /// typed with the input method off were read as meant (Query::as_typed searches the text).
  bool corrected = false;
  bool relaxed = false;    ///< no record had every word: results have some of them
  std::size_t open = 0;    ///< how many of the matches are calls open at the query's clock
  bool open_exact = true;  ///< `open` counts every match; else there are at least that many
  int page = 1;
  int pages = 0;
  std::string source_commit;  ///< the commit the answering index was built from; "" if none
};

/// Searches the live index and every archive and shard as one. Not shareable between
/// threads; cheap to keep one per thread.
class Searcher {
 public:
  /// `shards`: further databases, local paths or "tcp://host:port" (xapian-tcpsrv).
  static Result<std::unique_ptr<Searcher>> open(const std::filesystem::path& index_dir,
                                                const std::vector<std::string>& shards);
  ~Searcher();
  /// The results, or why the index could not answer (a shard unreachable, a database
  /// replaced under it): a sentence for the reader.
  Result<Results> search(const Query& query);
  /// Opens the index again if a build has switched `live` since; true if it did.
  bool refresh();
  /// The first moment after `now` at which a record opens or closes: until then every answer
  /// stays the same (filters and counts of open calls included). None when nothing will; an
  /// error when the index could not say.
  Result<std::optional<Instant>> next_state_change(Instant now);
  std::size_t document_count() const;
  /// The index it has open: the name `live` pointed to when it was opened.
  const std::string& generation() const;

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  Results search_or_throw(const Query& query);
  std::optional<Instant> next_state_change_or_throw(Instant now);
  std::unique_ptr<Impl> impl_;
};

/// Limits on what a query may be (longer or broken input is refused with a message).
inline constexpr std::size_t kMaxQueryBytes = 1000;

/// Why a query text cannot be searched ("" when it can): too long, not UTF-8, a NUL.
std::string validate_query_text(std::string_view text);

/// The results as /api/search answers them: JSON with the query, counts, suggestion, hits
/// (each listing with its call's state at the query's clock, and its snippet) and facets.
std::string answer_json(const Query& query, const Results& results, int closing_soon_days);

}  // namespace gazette::search
