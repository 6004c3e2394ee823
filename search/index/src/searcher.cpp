// Opens the live index with its archives and shards as one database and answers queries.
#include <unistd.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "gazette/search.hpp"
#include "listing.hpp"
#include "query.hpp"
#include "rank.hpp"
#include "reading.hpp"
#include "snippet.hpp"
#include "terms.hpp"
#include "weight.hpp"
#include "xapian_plan.hpp"
#include "xapian_source.hpp"
#include "xapian_words.hpp"

namespace gazette::search {

namespace fs = std::filesystem;
using namespace detail;

namespace {

constexpr Xapian::doccount kEstimateAtLeast = 100;  // without: enough for a good estimate

// Counts per value of each filter over the matches.
// Only Xapian's own match spies: remote shards (xapian-tcpsrv) must be able to run them.
struct Spies {
  Xapian::ValueCountMatchSpy kind{kKindSlot}, program{kProgramSlot}, round{kRoundSlot},
      province{kProvinceSlot}, issuer{kIssuerSlot};
  std::vector<std::pair<const char*, Xapian::ValueCountMatchSpy*>> values = {
      {"kind", &kind},
      {"program", &program},
      {"round", &round},
      {"province", &province},
      {"issuer", &issuer}};
  Xapian::ValueCountMatchSpy calls{kCallSlot};  // summed into open / closed below
};

// A search that could not be answered: the index failed under it (a shard went away, a
// database was replaced meanwhile).
Diagnostic unavailable(const std::string& why) {
  return Diagnostic{Severity::error, {}, {}, "search is unavailable for a moment: " + why, {}, {}};
}

std::string read_link(const fs::path& link) {
  std::error_code ec;
  fs::path target = fs::read_symlink(link, ec);
  return ec ? std::string() : target.string();
}

// The hit's fields from the document's data; `body` receives its text for the snippet.
Hit hit_from(const Xapian::Document& doc, int percent, std::string& body) {
  Hit h;
  h.percent = percent;
  // A line of JSON with the fields, then the body (see document_data in indexer.cpp).
  std::string data = doc.get_data();
  std::size_t newline = std::min(data.find('\n'), data.size());
  auto j = nlohmann::json::parse(data.data(), data.data() + newline, nullptr, false);
  if (j.is_discarded()) return h;
  body = data.substr(std::min(newline + 1, data.size()));
  h.listing = listing_from_json(j);
  return h;
}

// The facets, and how many matches are calls open now: from the call states the spies
// counted (with the facets, or with remote shards), or by `counter`; among the matches the
// match looked at (all of them, when the count is exact).
void count_open(Spies& spies, const OpenCounter& counter, bool remote, const Query& q,
                const std::map<std::string, std::string>& program_titles, Results& results) {
  for (auto& [name, spy] : spies.values) {
    Facet facet;
    facet.name = name;
    for (auto v = spy->top_values_begin(kFacetValues); v != spy->top_values_end(kFacetValues);
         ++v) {
      facet.values.emplace_back(*v, v.get_termfreq());
      if (facet.name == "program") {
        auto title = program_titles.find(*v);
        if (title != program_titles.end()) facet.labels.emplace(*v, title->second);
      }
    }
    if (!facet.values.empty()) results.facets.push_back(std::move(facet));
  }
  if (q.facets || remote) {
    // Open or closed is decided now, from the stored call states of the matches.
    std::size_t open = 0, closed = 0;
    for (auto v = spies.calls.values_begin(); v != spies.calls.values_end(); ++v) {
      if (open_at(*v, q.now.epoch_seconds)) open += v.get_termfreq();
      if (closed_at(*v, q.now.epoch_seconds)) closed += v.get_termfreq();
    }
    if (q.facets && open + closed > 0)
      results.facets.push_back(Facet{"open", {{"open", open}, {"closed", closed}}, {}});
    results.open = open;
    results.open_exact =
        results.total_exact && (q.facets || spies.calls.get_total() == results.total);
  } else {
    results.open = counter.open();
    results.open_exact = results.total_exact && counter.seen() == results.total;
  }
}

// Candidates [first, first + size) of `ranked`.
std::vector<Candidate> page_of(const std::vector<Candidate>& ranked, std::size_t first,
                               std::size_t size) {
  std::size_t from = std::min(first, ranked.size());
  std::size_t to = std::min(from + size, ranked.size());
  return {ranked.begin() + static_cast<std::ptrdiff_t>(from),
          ranked.begin() + static_cast<std::ptrdiff_t>(to)};
}

// Runs the text query of a search with its filters, ordering and spies: once with every word,
// and again, relaxed, with some of them when no record has every word.
class Matcher {
 public:
  struct Page {
    int number, size;
  };

  Matcher(const Xapian::Database& db, const OpenCalls& open_calls, bool remote, const Query& q,
          const ParsedText& parsed, QueryContext context, Page page)
      : enquire_(db),
        doccount_(db.get_doccount()),
        open_calls_(open_calls),
        remote_(remote),
        q_(q),
        parsed_(parsed),
        context_(context),
        page_(page),
        sort_(sort_of(q, parsed)) {
    // Remote shards (xapian-tcpsrv) know only Xapian's own schemes.
    if (remote) {
      enquire_.set_weighting_scheme(Xapian::BM25Weight());
    } else {
      enquire_.set_weighting_scheme(FixedBM25Weight());
    }
    if (sort_ == Query::Sort::newest) enquire_.set_sort_by_value_then_relevance(kIssuedSlot, true);
    if (sort_ == Query::Sort::deadline) {
      enquire_.set_sort_by_value_then_relevance(kDeadlineSortSlot, false);
    }
  }

  Query::Sort sort() const { return sort_; }
  double typical_weight() const { return typical_; }
  Spies& spies() { return *spies_; }
  const OpenCounter& counter() const { return *counter_; }

  // The matches of the page; with `window`, the best kRerankWindow from the first, to
  // re-rank them.
  Xapian::MSet run(bool relaxed, bool window) {
    TextQuery plan = search_plan(q_, parsed_, relaxed, context_);
    typical_ = plan.typical_weight;
    enquire_.set_query(xapian_query(plan.plan, remote_ ? nullptr : &open_calls_, q_.now));
    add_spies();
    auto start = window ? 0 : static_cast<Xapian::doccount>((page_.number - 1) * page_.size);
    auto count = static_cast<Xapian::doccount>(window ? kRerankWindow
                                                      : static_cast<std::size_t>(page_.size));
    // With facets every match is counted: the counts are exact, as the static engine's are.
    return enquire_.get_mset(start, count, q_.facets ? doccount_ : kEstimateAtLeast);
  }

 private:
  void add_spies() {
    enquire_.clear_matchspies();
    spies_ = std::make_unique<Spies>();
    counter_ = std::make_unique<OpenCounter>(open_calls_, q_.now);
    if (q_.facets) {
      for (auto& [name, spy] : spies_->values) enquire_.add_matchspy(spy);
      enquire_.add_matchspy(&spies_->calls);
    } else if (remote_) {
      enquire_.add_matchspy(&spies_->calls);  // remote shards run only Xapian's own spies
    } else {
      enquire_.add_matchspy(counter_.get());
    }
  }

  Xapian::Enquire enquire_;
  Xapian::doccount doccount_;
  const OpenCalls& open_calls_;
  bool remote_;
  const Query& q_;
  const ParsedText& parsed_;
  QueryContext context_;
  Page page_;
  Query::Sort sort_;
  double typical_ = 0;
  std::unique_ptr<Spies> spies_;
  std::unique_ptr<OpenCounter> counter_;
};

// How many match, and in how many pages.
void count_matches(const Xapian::MSet& mset, int page_size, Results& results) {
  results.total = mset.get_matches_estimated();
  results.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  results.pages = static_cast<int>((results.total + static_cast<std::size_t>(page_size) - 1) /
                                   static_cast<std::size_t>(page_size));
}

// The hits of the page, each with its snippet.
void add_hits(const Xapian::Database& db, const std::vector<Candidate>& ranked,
              const ParsedText& parsed, TermCache& cache, Results& results) {
  for (const auto& c : ranked) {
    std::string body;
    Hit hit = hit_from(db.get_document(c.id), c.percent, body);
    hit.snippet_html = make_snippet(body, parsed.exact, parsed.folded, cache);
    results.hits.push_back(std::move(hit));
  }
}

}  // namespace

struct Searcher::Impl {
  fs::path index_dir;
  std::vector<std::string> shards;
  std::string live_target;
  std::string source_commit;
  Xapian::Database db;                                // all: the live index, archives, shards
  Xapian::Database local;                             // all but remote shards: word statistics
  std::vector<Xapian::Database> parts;                // the same one by one: their metadata
  bool remote = false;                                // a shard is served by xapian-tcpsrv
  OpenCalls open_calls;                               // at the last query's clock
  std::map<std::string, std::string> program_titles;  // the program facet's labels
  std::vector<KnownWord> known;                       // what a misspelling is read as
  TermCache cache;
  // next_state_change(), remembered: the same for every `now` in [from, until).
  struct {
    Instant from;
    std::optional<Instant> until;
    bool known = false;
  } state_change;

  // The smallest value of `slot` after `now` (a deadline or an opening), by a sorted query:
  // remote shards answer it too.
  std::optional<Instant> first_after(Xapian::valueno slot, Instant now) {
    Xapian::Enquire enquire(db);
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_VALUE_GE, slot,
                      Xapian::sortable_serialise(static_cast<double>(now.epoch_seconds + 1))));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_sort_by_value(slot, false);
    Xapian::MSet first = enquire.get_mset(0, 1);
    if (first.empty()) return std::nullopt;
    double seconds = Xapian::sortable_unserialise(first.begin().get_document().get_value(slot));
    return Instant{static_cast<std::int64_t>(seconds), now.offset_minutes};
  }

  // The live generation `target` with the complete archives beside it, and the shards;
  // throws what Xapian throws.
  void open_parts(const std::string& target) {
    // The generation itself, not `live`: a switch meanwhile cannot mislabel what is open.
    std::vector<Xapian::Database> local_parts{Xapian::Database((index_dir / target).string())};
    for (const auto& a : complete_archives(index_dir)) local_parts.emplace_back(a.string());
    Xapian::Database combined, local_only;
    for (const auto& part : local_parts) {
      combined.add_database(part);
      local_only.add_database(part);
    }
    bool any_remote = false;
    for (const auto& shard : shards) {
      if (shard.rfind("tcp://", 0) == 0) {
        combined.add_database(open_remote(shard));
        any_remote = true;
      } else {
        Xapian::Database part(shard);
        combined.add_database(part);
        local_only.add_database(part);
        local_parts.push_back(part);
      }
    }
    db = combined;
    local = local_only;
    parts = std::move(local_parts);
    remote = any_remote;
    live_target = target;
    source_commit = db.get_metadata(kSourceCommitKey);  // the live index's: it comes first
    program_titles = detail::program_titles(db);
    known = known_words(local);
    state_change.known = false;
    open_calls.clear();
  }

  // A shard served by xapian-tcpsrv: tcp://host:port.
  static Xapian::Database open_remote(const std::string& shard) {
    std::string rest = shard.substr(6);
    std::size_t colon = rest.rfind(':');
    std::string host = rest.substr(0, colon);
    unsigned port =
        colon == std::string::npos ? 0u : static_cast<unsigned>(std::stoul(rest.substr(colon + 1)));
    return Xapian::Remote::open(host, port, 10000, 5000);
  }

  Status open() {
    std::string target = read_link(index_dir / "live");
    if (target.empty()) {
      return Diagnostic{Severity::error,
                        (index_dir / "live").generic_string(),
                        {},
                        "there is no search index yet",
                        "run gazette build first",
                        {}};
    }
    try {
      open_parts(target);
    } catch (const Xapian::Error& e) {
      return Diagnostic{Severity::error,
                        index_dir.generic_string(),
                        {},
                        "cannot open the search index: " + e.get_description(),
                        "run gazette build again; check that every shard in site.toml is reachable",
                        {}};
    } catch (const std::exception& e) {
      return Diagnostic{Severity::error,
                        index_dir.generic_string(),
                        {},
                        std::string("cannot open the search index: ") + e.what(),
                        "shards are written tcp://host:port or a path",
                        {}};
    }
    return Ok{};
  }
};

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

Result<std::unique_ptr<Searcher>> Searcher::open(const fs::path& index_dir,
                                                 const std::vector<std::string>& shards) {
  auto impl = std::make_unique<Impl>();
  impl->index_dir = index_dir;
  impl->shards = shards;
  Status opened = impl->open();
  if (!opened) return opened.error();
  return std::unique_ptr<Searcher>(new Searcher(std::move(impl)));
}

bool Searcher::refresh() {
  std::string target = read_link(impl_->index_dir / "live");
  if (target.empty() || target == impl_->live_target) return false;
  return static_cast<bool>(impl_->open());
}

std::size_t Searcher::document_count() const { return impl_->db.get_doccount(); }

const std::string& Searcher::generation() const { return impl_->live_target; }

Result<std::optional<Instant>> Searcher::next_state_change(Instant now) {
  try {
    return next_state_change_or_throw(now);
  } catch (const Xapian::Error& e) {
    return unavailable(e.get_description());
  } catch (const std::exception& e) {
    return unavailable(e.what());
  }
}

std::optional<Instant> Searcher::next_state_change_or_throw(Instant now) {
  auto& memo = impl_->state_change;
  if (memo.known && memo.from <= now && (!memo.until || now < *memo.until)) return memo.until;
  auto deadline = impl_->first_after(kDeadlineSlot, now);
  auto opens = impl_->first_after(kOpensSlot, now);
  memo.until = earliest(deadline, opens);
  memo.from = now;
  memo.known = true;
  return memo.until;
}

Result<Results> Searcher::search(const Query& q) {
  try {
    return search_or_throw(q);
  } catch (const Xapian::Error& e) {
    return unavailable(e.get_description());
  } catch (const std::exception& e) {
    return unavailable(e.what());
  }
}

Results Searcher::search_or_throw(const Query& q) {
  Impl& m = *impl_;
  Results results;
  results.page = std::max(1, q.page);
  results.source_commit = m.source_commit;
  int page_size = std::clamp(q.page_size, 1, 100);
  ParsedText parsed = parse_text(q.text, m.cache);
  XapianWords words(m.local, m.remote ? &m.db : nullptr, m.parts, m.known);
  Lexicon lexicon(words, m.cache);
  // Keystrokes and misspellings are searched as what they stand for (and said so).
  std::vector<Change> changes = q.as_typed ? std::vector<Change>() : read_words(parsed, lexicon);
  if (!changes.empty()) {
    find_concepts(parsed, m.cache);
    collect_forms(parsed, m.cache);
  }
  if (!m.remote) m.open_calls.update(m.parts, q.now, next_state_change_or_throw(q.now));
  Matcher matcher(m.db, m.open_calls, m.remote, q, parsed, QueryContext{words, m.cache},
                  {results.page, page_size});

  auto pairs = neighbour_pairs(parsed, m.cache);
  auto first = static_cast<Xapian::doccount>((results.page - 1) * page_size);
  bool rerank_window = matcher.sort() == Query::Sort::relevance && !pairs.empty() &&
                       first + static_cast<Xapian::doccount>(page_size) <=
                           static_cast<Xapian::doccount>(kRerankWindow);
  Xapian::MSet mset = matcher.run(false, rerank_window);
  if (mset.get_matches_estimated() == 0 && parsed.items.size() > 1) {
    // No record has every word: show those with some, and say so.
    mset = matcher.run(true, rerank_window);
    results.relaxed = mset.get_matches_estimated() > 0;
  }
  count_matches(mset, page_size, results);
  std::vector<Candidate> ranked;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    ranked.push_back({*it, it.get_weight(), it.get_percent()});
  }
  if (rerank_window) {
    rerank(m.db, ranked, pairs, matcher.typical_weight());
    ranked = page_of(ranked, first, static_cast<std::size_t>(page_size));
  }
  add_hits(m.db, ranked, parsed, m.cache, results);
  count_open(matcher.spies(), matcher.counter(), m.remote, q, m.program_titles, results);
  add_suggestion(q.text, changes, parsed, lexicon, results);
  return results;
}

}  // namespace gazette::search
