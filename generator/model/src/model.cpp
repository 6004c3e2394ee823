#include "gazette/model.hpp"

#include <algorithm>
#include <set>

#include "gazette/text.hpp"

namespace gazette::model {

namespace {

using content::Kind;

bool newest_first(const Document* a, const Document* b) {
  if (a->issued != b->issued) return a->issued > b->issued;
  return a->url < b->url;
}

// Groups documents by a name (issuer, province) into terms sorted by Vietnamese collation,
// each with a unique slug under `prefix`.
std::vector<Term> group_by(const std::vector<const Document*>& docs, std::string Document::*field,
                           const std::string& prefix) {
  std::map<std::string, Term> by_name;
  for (const Document* d : docs) {
    const std::string& name = d->*field;
    if (name.empty()) continue;
    by_name[name].docs.push_back(d);
  }
  std::vector<std::string> names;
  for (auto& [name, term] : by_name) names.push_back(name);
  text::sort_names(names);
  std::vector<Term> terms;
  std::set<std::string> used;
  for (const auto& name : names) {
    Term term = std::move(by_name[name]);
    term.name = name;
    std::string slug = text::slugify(name);
    if (slug.empty()) slug = "x";
    std::string unique = slug;
    for (int n = 2; used.count(unique); ++n) unique = slug + "-" + std::to_string(n);
    used.insert(unique);
    term.url = prefix + unique + "/";
    terms.push_back(std::move(term));
  }
  return terms;
}

}  // namespace

const Document* SiteModel::find_number(const std::string& number) const {
  return index->find_number(number);
}

const Program* SiteModel::find_program(const std::string& id) const {
  for (const Program& p : programs) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const Round* SiteModel::find_round(const std::string& program, int year) const {
  if (const Program* p = find_program(program)) {
    for (const Round& r : p->rounds) {
      if (r.year == year) return &r;
    }
  }
  return nullptr;
}

const Term* SiteModel::find_term(const std::vector<Term>& terms, const std::string& name) const {
  for (const Term& t : terms) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

bool superseded(const SiteModel& model, const Document& doc) {
  return !doc.withdrawn.empty() || model.replaced_by.count(&doc) > 0;
}

std::optional<Instant> next_state_change(const SiteModel& model, Instant now,
                                         int closing_soon_days) {
  std::optional<Instant> next;
  for (const Document& doc : model.documents) {
    next = earliest(next, gazette::next_state_change(doc.call(), now, closing_soon_days));
  }
  return next;
}

namespace {

bool is_archived(const config::SiteConfig& config, const std::string& program, int round) {
  return std::any_of(
      config.archived_rounds.begin(), config.archived_rounds.end(),
      [&](const config::ArchivedRound& a) { return a.program == program && a.round == round; });
}

// Programmes (their own pages) by id, each with its documents and rounds, newest round first.
std::vector<Program> gather_programs(SiteModel& m, const config::SiteConfig& config) {
  std::vector<Program> programs;
  for (const Document* p : m.by_kind[Kind::program]) {
    programs.push_back(Program{p->program, p->url, p, {}, {}});
  }
  std::sort(programs.begin(), programs.end(),
            [](const Program& a, const Program& b) { return a.id < b.id; });
  for (const Document* d : m.listed) {
    if (d->program.empty()) continue;
    auto it = std::find_if(programs.begin(), programs.end(),
                           [&](const Program& p) { return p.id == d->program; });
    if (it == programs.end()) continue;
    it->docs.push_back(d);
    if (!d->round) continue;
    auto round = std::find_if(it->rounds.begin(), it->rounds.end(),
                              [&](const Round& r) { return r.year == *d->round; });
    if (round == it->rounds.end()) {
      Round r;
      r.program = it->id;
      r.year = *d->round;
      r.url = it->url + std::to_string(r.year) + "/";
      r.archived = is_archived(config, r.program, r.year);
      it->rounds.push_back(std::move(r));
      round = std::prev(it->rounds.end());
    }
    round->docs.push_back(d);
  }
  for (Program& p : programs) {
    std::sort(p.rounds.begin(), p.rounds.end(),
              [](const Round& a, const Round& b) { return a.year > b.year; });
  }
  return programs;
}

std::vector<Term> gather_years(const std::vector<const Document*>& docs) {
  std::map<int, Term, std::greater<>> years;
  for (const Document* d : docs) years[d->issued.year].docs.push_back(d);
  std::vector<Term> terms;
  for (auto& [year, term] : years) {
    term.name = std::to_string(year);
    term.url = "/archive/" + term.name + "/";
    terms.push_back(std::move(term));
  }
  return terms;
}

// Citations (who references whom, only documents on this site) and relationships, both ways.
void link_documents(SiteModel& m) {
  for (const Document& d : m.documents) {
    std::set<const Document*> cited;
    for (const std::string& ref : d.references) {
      const Document* target = m.find_number(ref);
      if (target && target != &d && cited.insert(target).second) m.cited_by[target].push_back(&d);
    }
  }
  for (const Document& d : m.documents) {
    for (const content::Relation& r : content::relations_of(d)) {
      for (const std::string& ref : *r.targets) {
        const Document* target = m.index->find(ref);
        if (!target || target == &d) continue;
        m.relations[&d].emplace_back(r.key, target);
        m.backlinks[target].emplace_back(r.key, &d);
        if (std::string_view(r.key) == "replaces") m.replaced_by[target] = &d;
      }
    }
  }
}

}  // namespace

SiteModel assemble(std::vector<Document> documents, const config::SiteConfig& config, Instant now) {
  SiteModel m;
  m.documents = std::move(documents);
  std::sort(m.documents.begin(), m.documents.end(),
            [](const Document& a, const Document& b) { return newest_first(&a, &b); });
  m.index = std::make_unique<content::DocumentIndex>(m.documents);
  for (const Document& d : m.documents) {
    m.by_kind[d.kind].push_back(&d);
    if (d.kind != Kind::page && d.kind != Kind::program) m.listed.push_back(&d);
  }
  m.programs = gather_programs(m, config);
  m.issuers = group_by(m.listed, &Document::issuer, "/issuer/");
  m.provinces = group_by(m.listed, &Document::province, "/province/");
  m.years = gather_years(m.listed);
  link_documents(m);
  for (const Document* d : m.listed) {
    if (is_open(call_state(d->call(), now, config.closing_soon_days)) && !superseded(m, *d)) {
      m.open_calls.push_back(d);
    }
  }
  std::sort(m.open_calls.begin(), m.open_calls.end(),
            [](const Document* a, const Document* b) { return *a->deadline < *b->deadline; });
  return m;
}

}  // namespace gazette::model
