#include "file_source.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "static_format.hpp"

namespace gazette::search::detail {

namespace {

const std::vector<DocId> kNoRecords;
const std::vector<std::uint32_t> kNoPositions;
const std::string kNoValue;

std::vector<DocId> read_gaps(ByteReader& in, std::size_t n) {
  std::vector<DocId> ids(n);
  std::uint64_t id = 0;
  for (auto& x : ids) {
    id += in.varint();
    x = static_cast<DocId>(id);
  }
  return ids;
}

}  // namespace

std::string manifest_json(const StaticManifest& m) {
  char average[64];
  std::snprintf(average, sizeof average, "%a", m.average_length);
  nlohmann::ordered_json j;
  j["format"] = kStaticFormat;
  j["doccount"] = m.doccount;
  j["average_length"] = average;
  j["source_commit"] = m.source_commit;
  j["programs"] = m.program_titles;
  j["chunk"] = m.chunk;
  j["lengths"] = m.lengths;
  j["words"] = m.words;
  nlohmann::ordered_json values = nlohmann::ordered_json::object();
  for (const auto& [slot, name] : m.values) values[std::to_string(slot)] = name;
  j["values"] = values;
  j["terms"] = m.terms;
  j["pairs"] = m.pairs;
  j["runs"] = m.runs;
  j["docs"] = m.docs;
  return j.dump();
}

std::optional<StaticManifest> read_manifest(std::string_view json) {
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_object() || j.value("format", 0) != kStaticFormat) return std::nullopt;
  StaticManifest m;
  // A manifest is the build's own: anything else in it is damage, answered with nullopt.
  try {
    m.doccount = j.at("doccount").get<double>();
    m.average_length = std::strtod(j.at("average_length").get<std::string>().c_str(), nullptr);
    m.source_commit = j.at("source_commit").get<std::string>();
    m.program_titles = j.at("programs").get<std::map<std::string, std::string>>();
    m.chunk = std::max<std::uint32_t>(1, j.at("chunk").get<std::uint32_t>());
    m.lengths = j.at("lengths").get<std::string>();
    m.words = j.at("words").get<std::string>();
    for (const auto& [slot, name] : j.at("values").items()) {
      m.values[static_cast<unsigned>(std::stoul(slot))] = name.get<std::string>();
    }
    m.terms = j.at("terms").get<std::vector<std::string>>();
    m.pairs = j.at("pairs").get<std::vector<std::string>>();
    m.runs = j.at("runs").get<std::vector<std::string>>();
    m.docs = j.at("docs").get<std::vector<std::string>>();
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return m;
}

const std::string* FileStore::get(const std::string& name) {
  auto it = files_.find(name);
  if (it != files_.end()) return &it->second;
  wanted_.insert(name);
  return nullptr;
}

FileStaticSource::FileStaticSource(const StaticManifest& manifest, FileStore& files)
    : manifest_(manifest), files_(files) {}

bool FileStaticSource::load_lengths() {
  if (lengths_loaded_) return true;
  const std::string* bytes = files_.get(manifest_.lengths);
  if (!bytes) return false;
  ByteReader in(*bytes);
  std::size_t n = in.count();
  all_ = read_gaps(in, n);
  lengths_.resize(n);
  for (auto& l : lengths_) l = static_cast<std::uint32_t>(in.varint());
  if (!in.ok()) {
    files_.damaged(manifest_.lengths);
    all_.clear();
    lengths_.clear();
  }
  lengths_loaded_ = true;
  return true;
}

std::optional<std::size_t> FileStaticSource::place(DocId id) {
  if (!load_lengths()) return std::nullopt;
  auto it = std::lower_bound(all_.begin(), all_.end(), id);
  if (it == all_.end() || *it != id) return std::nullopt;
  return static_cast<std::size_t>(it - all_.begin());
}

const std::vector<DocId>& FileStaticSource::all() { return load_lengths() ? all_ : kNoRecords; }

std::uint32_t FileStaticSource::length(DocId id) {
  auto at = place(id);
  return at ? lengths_[*at] : 0;
}

const FileStaticSource::Entries* FileStaticSource::entries(const std::vector<std::string>& family,
                                                           const std::string& key) {
  if (family.empty()) return nullptr;
  const std::string& name = family[shard_of(key, static_cast<std::uint32_t>(family.size()))];
  auto found = entries_.find(name);
  if (found != entries_.end()) return &found->second;
  const std::string* bytes = files_.get(name);
  if (!bytes) return nullptr;
  Entries parsed;
  ByteReader in(*bytes);
  std::size_t n = in.count();
  parsed.reserve(n);
  for (std::size_t i = 0; i < n && in.ok(); ++i) {
    std::string_view k = in.string();
    parsed.emplace(k, in.string());
  }
  if (!in.ok()) {
    files_.damaged(name);
    parsed.clear();
  }
  return &entries_.emplace(name, std::move(parsed)).first->second;
}

std::string_view FileStaticSource::entry(const std::vector<std::string>& family,
                                         const std::string& key) {
  const Entries* e = entries(family, key);
  if (!e) return {};
  auto it = e->find(key);
  return it == e->end() ? std::string_view() : it->second;
}

const Postings& FileStaticSource::postings(const std::string& term) {
  auto found = postings_.find(term);
  if (found != postings_.end()) return found->second;
  static const Postings kNone;
  if (!entries(manifest_.terms, term)) return kNone;  // not fetched yet: asked again later
  Postings p;
  ByteReader in(entry(manifest_.terms, term));
  std::size_t n = in.count();
  p.ids = read_gaps(in, n);
  p.wdfs.resize(n);
  for (auto& w : p.wdfs) w = static_cast<std::uint32_t>(in.varint());
  if (!in.ok()) p = {};
  return postings_.emplace(term, std::move(p)).first->second;
}

const std::vector<DocId>& FileStaticSource::pair_records(const std::string& key) {
  auto found = pairs_.find(key);
  if (found != pairs_.end()) return found->second;
  if (!entries(manifest_.pairs, key)) return kNoRecords;
  ByteReader in(entry(manifest_.pairs, key));
  std::vector<DocId> ids = read_gaps(in, in.count());
  if (!in.ok()) ids.clear();
  return pairs_.emplace(key, std::move(ids)).first->second;
}

bool FileStaticSource::together(const std::string& first, const std::string& second, DocId id) {
  const auto& ids = pair_records(pair_key('t', first, second));
  return std::binary_search(ids.begin(), ids.end(), id);
}

bool FileStaticSource::together_as_typed(const NeighbourPair& pair, DocId id) {
  const auto& ids = pair_records(pair_key('e', pair.first_exact, pair.second_exact));
  return std::binary_search(ids.begin(), ids.end(), id);
}

const std::vector<std::uint32_t>& FileStaticSource::pair_starts(const std::string& first,
                                                                const std::string& second,
                                                                DocId id) {
  std::string key = pair_key('r', first, second);
  auto found = runs_.find(key);
  if (found == runs_.end()) {
    if (!entries(manifest_.runs, key)) return kNoPositions;
    ByteReader in(entry(manifest_.runs, key));
    std::map<DocId, std::vector<std::uint32_t>> runs;
    std::size_t n = in.count();
    std::uint64_t record = 0;
    for (std::size_t i = 0; i < n && in.ok(); ++i) {
      record += in.varint();
      auto& at = runs[static_cast<DocId>(record)];
      std::size_t m = in.count();
      std::uint64_t pos = 0;
      for (std::size_t k = 0; k < m; ++k) {
        pos += in.varint();
        at.push_back(static_cast<std::uint32_t>(pos));
      }
    }
    if (!in.ok()) runs.clear();
    found = runs_.emplace(key, std::move(runs)).first;
  }
  auto it = found->second.find(id);
  return it == found->second.end() ? kNoPositions : it->second;
}

const std::string& FileStaticSource::value(unsigned slot, DocId id) {
  auto name = manifest_.values.find(slot);
  if (name == manifest_.values.end()) return kNoValue;
  auto column = columns_.find(slot);
  if (column == columns_.end()) {
    const std::string* bytes = files_.get(name->second);
    if (!bytes || !load_lengths()) return kNoValue;
    Column c;
    ByteReader in(*bytes);
    std::size_t n = in.count();
    for (std::size_t i = 0; i < n && in.ok(); ++i) c.values.emplace_back(in.string());
    c.codes.resize(all_.size());
    for (auto& code : c.codes) {
      code = static_cast<std::uint32_t>(in.varint());
      if (code > c.values.size()) code = 0;
    }
    if (!in.ok()) {
      files_.damaged(name->second);
      c = {};
    }
    column = columns_.emplace(slot, std::move(c)).first;
  }
  auto at = place(id);
  if (!at || *at >= column->second.codes.size()) return kNoValue;
  std::uint32_t code = column->second.codes[*at];
  return code == 0 ? kNoValue : column->second.values[code - 1];
}

std::uint64_t FileStaticSource::pair_count(const std::string& key) {
  ByteReader in(entry(manifest_.pairs, "c" + key));
  return in.varint();
}

std::string FileStaticSource::nearest(const std::string& form) {
  if (!words_) {
    const std::string* bytes = files_.get(manifest_.words);
    if (!bytes) return {};
    ByteReader in(*bytes);
    std::vector<KnownWord> words(in.count());
    for (auto& w : words) {
      w.word = std::string(in.string());
      w.count = in.varint();
    }
    if (!in.ok()) {
      files_.damaged(manifest_.words);
      words.clear();
    }
    words_ = std::move(words);
  }
  return nearest_word(form, *words_);
}

const std::string& FileStaticSource::data(DocId id) {
  auto at = place(id);
  if (!at) return kNoValue;
  std::size_t chunk = *at / manifest_.chunk;
  if (chunk >= manifest_.docs.size()) return kNoValue;
  auto found = chunks_.find(chunk);
  if (found == chunks_.end()) {
    const std::string* bytes = files_.get(manifest_.docs[chunk]);
    if (!bytes) return kNoValue;
    ByteReader in(*bytes);
    std::vector<std::string> records(in.count());
    for (auto& r : records) r = std::string(in.string());
    if (!in.ok()) {
      files_.damaged(manifest_.docs[chunk]);
      records.clear();
    }
    found = chunks_.emplace(chunk, std::move(records)).first;
  }
  std::size_t within = *at % manifest_.chunk;
  return within < found->second.size() ? found->second[within] : kNoValue;
}

std::vector<std::string> first_files(const Query& q, const StaticManifest& manifest) {
  std::vector<std::string> names{manifest.lengths};
  std::vector<unsigned> slots{kCallSlot};
  if (q.facets) {
    for (const auto& [name, slot] : facet_slots()) slots.push_back(slot);
  }
  if (q.sort == Query::Sort::newest) slots.push_back(kIssuedSlot);
  if (q.sort == Query::Sort::deadline) slots.push_back(kDeadlineSortSlot);
  for (unsigned slot : slots) {
    auto it = manifest.values.find(slot);
    if (it != manifest.values.end()) names.push_back(it->second);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

FilesAnswer search_files(const Query& q, const StaticManifest& manifest, FileStore& store,
                         const Fetch& fetch, TermCache& cache) {
  FilesAnswer answer;
  std::set<std::string> wanted;
  for (const auto& name : first_files(q, manifest)) wanted.insert(name);
  // Each round fetches all a run wanted; a run with every file it read there is the answer.
  // A search reads files of its words, then those their matches lead to: a few rounds; the
  // bound stops a damaged index from asking forever.
  for (int run = 0; run < 16; ++run) {
    {
      FileStaticSource source(manifest, store);
      Results results = static_search(q, source, cache);
      for (const auto& name : store.take_wanted()) wanted.insert(name);
      if (!store.damaged_files().empty()) {
        answer.error = "the search index file " + *store.damaged_files().begin() +
                       " is damaged: build the site again";
        return answer;
      }
      if (wanted.empty()) {
        answer.results = std::move(results);
        return answer;
      }
    }
    ++answer.rounds;
    for (const auto& name : wanted) {
      auto bytes = fetch(name);
      if (!bytes) {
        answer.error = "the search index file " + name + " could not be read";
        return answer;
      }
      store.add(name, std::move(*bytes));
      answer.fetched.push_back(name);
    }
    wanted.clear();
  }
  answer.error = "the search index keeps asking for more files: build the site again";
  return answer;
}

}  // namespace gazette::search::detail
