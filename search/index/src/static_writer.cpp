// Writes the static index (static_format.hpp) from the live database and its archives.
#include <xapian.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <unordered_map>

#include "file_source.hpp"
#include "gazette/search.hpp"
#include "listing.hpp"
#include "static_format.hpp"
#include "terms.hpp"
#include "xapian_source.hpp"
#include "xapian_words.hpp"

namespace gazette::search {

namespace {

using detail::ByteWriter;
using detail::DocId;

// Raw (inflated) bytes a file of a sharded family aims at: a query's few words fetch a few of
// them, and a site of 10k documents has a few hundred.
constexpr std::size_t kTermShardBytes = std::size_t{96} * 1024;
constexpr std::size_t kPairShardBytes = std::size_t{96} * 1024;
constexpr std::size_t kRunShardBytes = std::size_t{256} * 1024;

std::string gzip(std::string_view bytes) {
  z_stream z{};
  // 15 window bits + 16: a gzip header, which the browser's DecompressionStream("gzip") reads.
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

class Writer {
 public:
  explicit Writer(std::filesystem::path dir) : dir_(std::move(dir)) {}

  /// Writes `bytes` compressed as `family`.HASH.bin; returns the name.
  std::string file(const std::string& family, std::string_view bytes) {
    std::string packed = gzip(bytes);
    std::string name = family + "." + sha256_hex(packed).substr(0, 12) + ".bin";
    std::ofstream out(dir_ / name, std::ios::binary | std::ios::trunc);
    out.write(packed.data(), static_cast<std::streamsize>(packed.size()));
    if (!out.flush()) failed_ = name;
    names_.push_back(name);
    return name;
  }
  const std::string& failed() const { return failed_; }
  std::vector<std::string>& names() { return names_; }

 private:
  std::filesystem::path dir_;
  std::vector<std::string> names_;
  std::string failed_;
};

void gaps(ByteWriter& out, const std::vector<DocId>& ids) {
  DocId last = 0;
  for (DocId id : ids) {
    out.varint(id - last);
    last = id;
  }
}

std::uint32_t shards_for(std::size_t bytes, std::size_t target, std::size_t most) {
  std::size_t n = (bytes + target - 1) / target;
  return static_cast<std::uint32_t>(std::clamp<std::size_t>(n, 1, std::max<std::size_t>(most, 1)));
}

// Keyed entries, grouped into files by shard_of(key).
class Shards {
 public:
  explicit Shards(std::uint32_t n) : entries_(n), counts_(n) {}
  void add(const std::string& key, std::string_view payload) {
    std::uint32_t k = detail::shard_of(key, static_cast<std::uint32_t>(entries_.size()));
    entries_[k].string(key);
    entries_[k].string(payload);
    ++counts_[k];
  }
  std::vector<std::string> write(Writer& writer, const std::string& family) {
    std::vector<std::string> names;
    for (std::size_t k = 0; k < entries_.size(); ++k) {
      ByteWriter file;
      file.varint(counts_[k]);
      file.bytes().append(entries_[k].bytes());
      entries_[k] = ByteWriter();
      names.push_back(writer.file(family + "-" + std::to_string(k), file.bytes()));
    }
    return names;
  }

 private:
  std::vector<ByteWriter> entries_;
  std::vector<std::size_t> counts_;
};

// The records where each pair of neighbouring words stands, folded and as typed, and where
// it starts, gathered record by record from the positions.
struct PairRecords {
  std::vector<DocId> ids;
  std::vector<std::uint32_t> starts_per_record;
  std::vector<std::uint32_t> starts;
};

struct Pairs {
  std::vector<std::string> words;  // folded terms (F...) and exact forms, by number
  std::unordered_map<std::uint64_t, PairRecords> folded;
  std::unordered_map<std::uint64_t, std::vector<DocId>> exact;
};

void gather_pairs(const Xapian::Database& db, const std::vector<DocId>& all, Pairs& pairs) {
  std::unordered_map<std::string, std::uint32_t> numbers;
  auto number = [&](const std::string& w) {
    auto [it, added] = numbers.try_emplace(w, static_cast<std::uint32_t>(pairs.words.size()));
    if (added) pairs.words.push_back(w);
    return it->second;
  };
  constexpr std::uint32_t kNone = ~0u;
  std::vector<std::uint32_t> folded_at, exact_at;
  std::unordered_map<std::string, std::uint32_t> folded_wdf;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> folded_places;
  struct Exact {
    std::string term;
    std::uint32_t wdf;
  };
  std::vector<Exact> marked;
  detail::TermCache cache;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> starts;
  for (DocId id : all) {
    folded_at.assign(folded_at.size(), kNone);
    exact_at.assign(exact_at.size(), kNone);
    folded_wdf.clear();
    folded_places.clear();
    marked.clear();
    for (auto t = db.termlist_begin(id); t != db.termlist_end(id); ++t) {
      const std::string& term = *t;
      if (term.empty()) continue;
      auto first = static_cast<unsigned char>(term[0]);
      if (term[0] == detail::kFolded[0]) {
        folded_wdf.emplace(term, t.get_wdf());
        std::uint32_t n = number(term);
        auto& places = folded_places[n];
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
          if (*p >= folded_at.size()) folded_at.resize(*p + 1, kNone);
          folded_at[*p] = n;
          places.push_back(*p);
        }
      } else if (first >= 0x80 || (first >= 'a' && first <= 'z') ||
                 (first >= '0' && first <= '9')) {
        if (!detail::has_marks(term)) continue;
        marked.push_back({term, t.get_wdf()});
        // Its own positions are indexed only where they differ from the folded word's.
        std::uint32_t n = number(term);
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
          if (*p >= exact_at.size()) exact_at.resize(*p + 1, kNone);
          exact_at[*p] = n;
        }
      }
    }
    // Where the record writes a folded word one way only, that way stands where it does.
    for (const auto& m : marked) {
      std::string folded = detail::kFolded + cache.forms(m.term, false).second;
      auto w = folded_wdf.find(folded);
      if (w == folded_wdf.end() || w->second != m.wdf) continue;
      std::uint32_t n = number(m.term), f = number(folded);
      for (std::uint32_t p : folded_places[f]) {
        if (p >= exact_at.size()) exact_at.resize(p + 1, kNone);
        exact_at[p] = n;
      }
    }
    starts.clear();
    for (std::size_t p = 0; p + 1 < folded_at.size(); ++p) {
      if (folded_at[p] == kNone || folded_at[p + 1] == kNone) continue;
      starts[(std::uint64_t{folded_at[p]} << 32) | folded_at[p + 1]].push_back(
          static_cast<std::uint32_t>(p));
    }
    for (auto& [key, at] : starts) {
      PairRecords& r = pairs.folded[key];
      r.ids.push_back(id);
      r.starts_per_record.push_back(static_cast<std::uint32_t>(at.size()));
      r.starts.insert(r.starts.end(), at.begin(), at.end());
    }
    std::uint64_t last = ~std::uint64_t{0};
    std::vector<std::uint64_t> typed;
    for (std::size_t p = 0; p + 1 < exact_at.size(); ++p) {
      if (exact_at[p] == kNone || exact_at[p + 1] == kNone) continue;
      typed.push_back((std::uint64_t{exact_at[p]} << 32) | exact_at[p + 1]);
    }
    std::sort(typed.begin(), typed.end());
    for (std::uint64_t key : typed) {
      if (key != last) pairs.exact[key].push_back(id);
      last = key;
    }
  }
}

}  // namespace

Result<std::vector<std::string>> write_static_index(const std::filesystem::path& live,
                                                    const std::filesystem::path& index_dir,
                                                    const std::filesystem::path& out_dir,
                                                    std::size_t most_files) {
  auto failure = [&](const std::string& why) {
    return Diagnostic{Severity::error,
                      out_dir.string(),
                      {},
                      "cannot write the static search index: " + why,
                      {},
                      {}};
  };
  try {
    std::vector<Xapian::Database> parts{Xapian::Database(live.string())};
    for (const auto& a : detail::complete_archives(index_dir)) parts.emplace_back(a.string());
    Xapian::Database db;
    for (const auto& p : parts) db.add_database(p);
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    if (ec) return failure(ec.message());
    Writer writer(out_dir);
    detail::StaticManifest m;
    m.doccount = static_cast<double>(db.get_doccount());
    m.average_length = db.get_avlength();
    m.source_commit = db.get_metadata(detail::kSourceCommitKey);
    m.program_titles = detail::program_titles(db);

    std::vector<DocId> all;
    ByteWriter lengths;
    {
      std::vector<std::uint32_t> of;
      for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        all.push_back(*it);
        of.push_back(static_cast<std::uint32_t>(it.get_doclength()));
      }
      lengths.varint(all.size());
      gaps(lengths, all);
      for (auto l : of) lengths.varint(l);
    }
    m.lengths = writer.file("lengths", lengths.bytes());

    for (unsigned slot = detail::kIssuedSlot; slot <= detail::kCallSlot; ++slot) {
      std::map<std::string, std::uint32_t> codes;
      std::vector<std::string> of(all.size());
      std::size_t at = 0;
      for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
        while (at < all.size() && all[at] < v.get_docid()) ++at;
        if (at < all.size() && all[at] == v.get_docid()) of[at] = *v;
      }
      for (const auto& v : of) {
        if (!v.empty()) codes.emplace(v, 0);
      }
      ByteWriter column;
      column.varint(codes.size());
      std::uint32_t next = 0;
      for (auto& [v, code] : codes) {
        column.string(v);
        code = ++next;
      }
      for (const auto& v : of) column.varint(v.empty() ? 0 : codes[v]);
      m.values[slot] = writer.file("value-" + std::to_string(slot), column.bytes());
    }

    // A share of the site's files for each family, the records' data the most.
    std::size_t budget = std::max<std::size_t>(most_files, 16);
    std::size_t term_bytes = 0;
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
      term_bytes += (*t).size() + std::size_t{3} * t.get_termfreq();
    }
    Shards terms(shards_for(term_bytes, kTermShardBytes, budget / 4));
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
      const std::string& term = *t;
      if (term[0] == 'Q') continue;  // a record's own address: no search asks for it
      std::vector<DocId> ids;
      std::vector<std::uint32_t> wdfs;
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        ids.push_back(*p);
        wdfs.push_back(p.get_wdf());
      }
      ByteWriter payload;
      payload.varint(ids.size());
      gaps(payload, ids);
      for (auto w : wdfs) payload.varint(w);
      terms.add(term, payload.bytes());
    }
    m.terms = terms.write(writer, "terms");

    Pairs pairs;
    gather_pairs(db, all, pairs);
    std::size_t pair_bytes = 0, run_bytes = 0;
    for (const auto& [key, r] : pairs.folded) {
      pair_bytes += 12 + 2 * r.ids.size();
      run_bytes += 12 + 2 * r.ids.size() + 2 * r.starts.size();
    }
    for (const auto& [key, ids] : pairs.exact) pair_bytes += 12 + 2 * ids.size();
    Shards pair_shards(shards_for(pair_bytes, kPairShardBytes, budget / 8));
    Shards run_shards(shards_for(run_bytes, kRunShardBytes, budget / 16));
    auto words_of = [&](std::uint64_t key, char kind) {
      return detail::pair_key(kind, pairs.words[key >> 32], pairs.words[key & 0xffffffffu]);
    };
    for (const auto& [key, r] : pairs.folded) {
      ByteWriter ids;
      ids.varint(r.ids.size());
      gaps(ids, r.ids);
      pair_shards.add(words_of(key, 't'), ids.bytes());
      ByteWriter runs;
      runs.varint(r.ids.size());
      DocId last = 0;
      std::size_t s = 0;
      for (std::size_t i = 0; i < r.ids.size(); ++i) {
        runs.varint(r.ids[i] - last);
        last = r.ids[i];
        runs.varint(r.starts_per_record[i]);
        std::uint32_t pos = 0;
        for (std::uint32_t k = 0; k < r.starts_per_record[i]; ++k, ++s) {
          runs.varint(r.starts[s] - pos);
          pos = r.starts[s];
        }
      }
      run_shards.add(words_of(key, 'r'), runs.bytes());
    }
    for (const auto& [key, ids] : pairs.exact) {
      ByteWriter out;
      out.varint(ids.size());
      gaps(out, ids);
      pair_shards.add(words_of(key, 'e'), out.bytes());
    }
    pairs = {};
    // How often each pair stands so, as the server sums it over the parts.
    std::map<std::string, std::uint64_t> counts;
    for (const auto& part : parts) {
      for (auto k = part.metadata_keys_begin("pair"); k != part.metadata_keys_end("pair"); ++k) {
        std::string v = part.get_metadata(*k);
        if (!v.empty()) counts[*k] += std::stoull(v);
      }
    }
    for (const auto& [key, n] : counts) {
      ByteWriter out;
      out.varint(n);
      pair_shards.add("c" + key, out.bytes());
    }
    m.pairs = pair_shards.write(writer, "pairs");
    m.runs = run_shards.write(writer, "runs");

    ByteWriter words;
    auto known = detail::known_words(db);
    words.varint(known.size());
    for (const auto& w : known) {
      words.string(w.word);
      words.varint(w.count);
    }
    m.words = writer.file("words", words.bytes());

    // The records' data: as many files as the budget leaves, fewer for a small site.
    std::size_t chunks =
        std::clamp<std::size_t>(budget / 2, 1, std::max<std::size_t>(1, all.size()));
    m.chunk =
        static_cast<std::uint32_t>((all.size() + chunks - 1) / std::max<std::size_t>(chunks, 1));
    m.chunk = std::max<std::uint32_t>(m.chunk, 1);
    for (std::size_t first = 0; first < all.size(); first += m.chunk) {
      ByteWriter chunk;
      std::size_t n = std::min<std::size_t>(m.chunk, all.size() - first);
      chunk.varint(n);
      for (std::size_t i = first; i < first + n; ++i)
        chunk.string(db.get_document(all[i]).get_data());
      m.docs.push_back(writer.file("docs-" + std::to_string(first / m.chunk), chunk.bytes()));
    }
    if (!writer.failed().empty()) return failure("cannot write " + writer.failed());
    if (Status s =
            write_file_atomically(out_dir / detail::kStaticManifest, detail::manifest_json(m));
        !s) {
      return s.error();
    }
    std::vector<std::string> names = std::move(writer.names());
    names.push_back(detail::kStaticManifest);
    return names;
  } catch (const Xapian::Error& e) {
    return failure(e.get_msg());
  }
}

}  // namespace gazette::search
