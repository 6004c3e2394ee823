// The site as data: documents with their indexes (programmes, rounds, issuers, provinces,
// years) and relations (references, citations), ready to render.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gazette/config.hpp"
#include "gazette/content.hpp"

namespace gazette::site {

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

/// Where a call for proposals stands at a moment.
enum class CallState { none, upcoming, open, closing_soon, closed, results };

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

/// Builds the indexes. `now` decides which calls are open.
SiteModel assemble(std::vector<Document> documents, const config::SiteConfig& config, Instant now);

/// Whether a document is no longer in force: withdrawn, or replaced by another.
bool superseded(const SiteModel& model, const Document& doc);

/// The earlier of two instants; either may be none.
std::optional<Instant> earliest(std::optional<Instant> a, std::optional<Instant> b);

/// The state of a document's call at `now`; `none` without a deadline. A withdrawn call is
/// closed whatever its dates say.
CallState call_state(const Document& doc, Instant now, int closing_soon_days);
/// The same, and a call replaced by another document is closed too (as it is in search).
CallState call_state(const SiteModel& model, const Document& doc, Instant now,
                     int closing_soon_days);

/// The first instant after `now` at which the document's call changes state; none if never.
std::optional<Instant> next_state_change(const Document& doc, Instant now, int closing_soon_days);
/// The first instant after `now` at which some call changes state.
std::optional<Instant> next_state_change(const SiteModel& model, Instant now,
                                         int closing_soon_days);

}  // namespace gazette::site
