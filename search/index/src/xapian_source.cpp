#include "xapian_source.hpp"

#include <algorithm>

#include "listing.hpp"
#include "query.hpp"
#include "terms.hpp"

namespace gazette::search::detail {

std::vector<std::filesystem::path> complete_archives(const std::filesystem::path& index_dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> archives;
  for (const auto& entry : std::filesystem::directory_iterator(index_dir / "archive", ec)) {
    if (std::filesystem::exists(entry.path() / "gazette-complete", ec)) {
      archives.push_back(entry.path());
    }
  }
  std::sort(archives.begin(), archives.end());
  return archives;
}

std::vector<Xapian::Database> index_parts(const std::filesystem::path& index_dir) {
  std::vector<Xapian::Database> parts{Xapian::Database((index_dir / "live").string())};
  for (const auto& a : complete_archives(index_dir)) parts.emplace_back(a.string());
  return parts;
}

XapianSource::XapianSource(const Xapian::Database& db) : db_(db) {
  for (auto it = db_.postlist_begin(""); it != db_.postlist_end(""); ++it) {
    all_.push_back(*it);
    lengths_.emplace(*it, static_cast<std::uint32_t>(it.get_doclength()));
  }
}

const Postings& XapianSource::postings(const std::string& term) {
  auto [it, added] = postings_.try_emplace(term);
  if (added && !term.empty()) {
    for (auto p = db_.postlist_begin(term); p != db_.postlist_end(term); ++p) {
      it->second.ids.push_back(*p);
      it->second.wdfs.push_back(p.get_wdf());
    }
  }
  return it->second;
}

const std::vector<std::uint32_t>& XapianSource::positions(const std::string& term, DocId id) {
  auto [it, added] = positions_.try_emplace({term, id});
  if (added) {
    try {
      for (auto p = db_.positionlist_begin(id, term); p != db_.positionlist_end(id, term); ++p) {
        it->second.push_back(*p);
      }
    } catch (const Xapian::RangeError&) {
      // the record does not have the term
    }
  }
  return it->second;
}

bool XapianSource::together(const std::string& first, const std::string& second, DocId id) {
  return adjacent(positions(first, id), positions(second, id));
}

const std::vector<std::uint32_t>& XapianSource::pair_starts(const std::string& first,
                                                            const std::string& second, DocId id) {
  auto [it, added] = starts_.try_emplace({first, second, id});
  if (added) {
    const auto& after = positions(second, id);
    for (std::uint32_t p : positions(first, id)) {
      if (std::binary_search(after.begin(), after.end(), p + 1)) it->second.push_back(p);
    }
  }
  return it->second;
}

std::uint32_t XapianSource::wdf(const std::string& term, DocId id) {
  const Postings& p = postings(term);
  auto it = std::lower_bound(p.ids.begin(), p.ids.end(), id);
  return it != p.ids.end() && *it == id ? p.wdfs[static_cast<std::size_t>(it - p.ids.begin())] : 0;
}

// Where a word as written stands: nowhere, its folded word's places when the record writes it
// only so (the index keeps those alone), else its own.
const std::vector<std::uint32_t>& XapianSource::written_at(const std::string& exact,
                                                           const std::string& folded, DocId id) {
  static const std::vector<std::uint32_t> kNone;
  std::uint32_t n = wdf(exact, id);
  if (n == 0) return kNone;
  return positions(n == wdf(folded, id) ? folded : exact, id);
}

bool XapianSource::together_as_typed(const NeighbourPair& pair, DocId id) {
  return adjacent(written_at(pair.first_exact, pair.first, id),
                  written_at(pair.second_exact, pair.second, id));
}

const std::string& XapianSource::value(unsigned slot, DocId id) {
  auto [it, added] = values_.try_emplace({slot, id});
  if (added) it->second = db_.get_document(id).get_value(slot);
  return it->second;
}

Xapian::Database XapianStaticSource::joined(const std::vector<Xapian::Database>& parts) {
  Xapian::Database db;
  for (const auto& part : parts) db.add_database(part);
  return db;
}

XapianStaticSource::XapianStaticSource(std::vector<Xapian::Database> parts)
    : parts_(std::move(parts)),
      db_(joined(parts_)),
      source_(db_),
      known_(known_words(db_)),
      words_(db_, nullptr, parts_, known_),
      titles_(detail::program_titles(db_)),
      commit_(db_.get_metadata(kSourceCommitKey)) {}

const std::string& XapianStaticSource::data(DocId id) {
  auto [it, added] = data_.try_emplace(id);
  if (added) it->second = db_.get_document(id).get_data();
  return it->second;
}

}  // namespace gazette::search::detail
