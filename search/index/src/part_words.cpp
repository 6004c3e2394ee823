#include "part_words.hpp"

namespace gazette::search::detail {

WordForm* PartWords::form(const std::string& text) {
  auto it = forms_.find(text);
  if (it == forms_.end()) it = forms_.emplace(text, WordForm{text}).first;
  return &it->second;
}

WordEntry& PartWords::entry(std::string_view token, bool ascii) {
  auto it = entries_.find(token);
  if (it != entries_.end()) return it->second;
  const auto& [exact, folded] = cache_.forms(token, ascii);
  WordEntry e;
  e.exact = form(exact);
  e.folded = exact == folded ? e.exact : form(folded);
  e.folded_term.assign(kFolded).append(folded);
  e.title_term.assign(kTitle).append(folded);
  e.concepts = ConceptFinder::starts(folded);
  e.marked = e.exact != e.folded;
  e.counted = exact.size() > 1 && !(exact[0] >= '0' && exact[0] <= '9');
  return entries_.emplace(std::string(token), std::move(e)).first->second;
}

void PartWords::write_to(Xapian::WritableDatabase& db) const {
  for (const auto& [text, form] : forms_) {
    if (form.count > 0) db.add_spelling(text, form.count);
  }
  std::string key;
  auto write = [&](const PairCounts& counts, std::string_view prefix) {
    for (const auto& [pair, count] : counts) {
      key.assign(prefix).append(pair.first->text).append(1, ' ').append(pair.second->text);
      db.set_metadata(key, std::to_string(count));
    }
  };
  write(folded_pairs, kFoldedPairKey);
  write(exact_pairs, kExactPairKey);
}

void MarkedWords::add_to(Xapian::Document& doc) {
  ++document_;
  for (const auto& o : occurrences_) {
    WordForm* folded = o.word->folded;
    if (folded->document != document_) {
      folded->document = document_;
      folded->written = o.word->exact;
    } else if (folded->written != o.word->exact) {
      folded->written = nullptr;
    }
    if (folded->plain_in == document_) folded->written = nullptr;  // also written plain
  }
  // Without positions, each form is added once with the sum of its wdfs: one lookup in the
  // document's terms instead of one for every time it is written.
  for (const auto& o : occurrences_) {
    WordForm* exact = o.word->exact;
    if (!o.word->folded->written) {
      doc.add_posting(exact->text, o.pos, o.wdf);
      continue;
    }
    if (exact->summed_in != document_) {
      exact->summed_in = document_;
      exact->wdf = 0;
      unpositioned_.push_back(exact);
    }
    exact->wdf += o.wdf;
  }
  for (const WordForm* exact : unpositioned_) doc.add_term(exact->text, exact->wdf);
  unpositioned_.clear();
  occurrences_.clear();
}

}  // namespace gazette::search::detail
