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
  }
  for (const auto& o : occurrences_) {
    if (o.word->folded->written) {
      doc.add_term(o.word->exact->text, o.wdf);
    } else {
      doc.add_posting(o.word->exact->text, o.pos, o.wdf);
    }
  }
  occurrences_.clear();
}

}  // namespace gazette::search::detail
