// gazette model: the site as data — documents with their indexes (programmes, rounds,
// issuers, provinces, years) and relations (citations, amends/replaces…), ready to render.
//
//   model::SiteModel m = model::assemble(std::move(documents), config, now);
//   for (const model::Program& p : m.programs) show(p);  // by id, each with its rounds
//   const auto& calls = m.open_calls;                     // soonest deadline first
//   auto again = model::next_state_change(m, now, config.closing_soon_days);  // build then
//
// Pure: no disk, no clock but the one passed in.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gazette/config.hpp"
#include "gazette/content.hpp"

namespace gazette::model {

using content::Document;

/// A group of documents with a page of its own: an issuer, a province or a year.
struct Term {
  std::string name;
  std::string url;
  std::vector<const Document*> docs;  ///< newest first
};

struct Round {
  std::string program;
  int year = 0;
  std::string url;
  bool archived = false;
  std::vector<const Document*> docs;  ///< newest first
};

struct Program {
  std::string id;
  std::string url;
  const Document* doc = nullptr;  ///< its page (kind program)
  std::vector<Round> rounds;      ///< newest first
  std::vector<const Document*> docs;
};

struct SiteModel {
  std::vector<Document> documents;      ///< newest first
  std::vector<const Document*> listed;  ///< every document but pages and programmes
  std::map<content::Kind, std::vector<const Document*>> by_kind;
  std::vector<Program> programs;            ///< by id
  std::vector<Term> issuers;                ///< Vietnamese collation order
  std::vector<Term> provinces;              ///< Vietnamese collation order
  std::vector<Term> years;                  ///< newest first
  std::vector<const Document*> open_calls;  ///< soonest deadline first
  std::map<const Document*, std::vector<const Document*>> cited_by;
  /// Relationships written in front matter: (field, the document it names).
  std::map<const Document*, std::vector<std::pair<std::string, const Document*>>> relations;
  /// The same, seen from the other side: (field, the document that names this one).
  std::map<const Document*, std::vector<std::pair<std::string, const Document*>>> backlinks;
  /// A document replaced by a newer one (`replaces`), and which.
  std::map<const Document*, const Document*> replaced_by;

  /// The document on this site with that number, if exactly one has it.
  const Document* find_number(const std::string& number) const;
  const Program* find_program(const std::string& id) const;
  const Round* find_round(const std::string& program, int year) const;
  const Term* find_term(const std::vector<Term>& terms, const std::string& name) const;

  /// Documents by number and slug (for references and relationships).
  std::unique_ptr<content::DocumentIndex> index;
};

/// Builds the indexes, documents newest first. `now` decides which calls are open.
SiteModel assemble(std::vector<Document> documents, const config::SiteConfig& config, Instant now);

/// Whether a document is no longer in force: withdrawn, or replaced by another.
bool superseded(const SiteModel& model, const Document& doc);

/// The first instant after `now` at which some call changes state.
std::optional<Instant> next_state_change(const SiteModel& model, Instant now,
                                         int closing_soon_days);

}  // namespace gazette::model
