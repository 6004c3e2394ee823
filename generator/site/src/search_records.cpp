#include "search_records.hpp"

#include <fstream>
#include <map>

#include "gazette/text.hpp"

namespace gazette::site {

namespace {

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// Each task of a proposal list is a search document of its own, its list the parent.
void add_task_records(std::vector<search::Record>& records, const model::SiteModel& model,
                      const content::Document& list) {
  for (const content::Task& t : list.tasks) {
    search::Record r;
    search::Listing& l = r.listing;
    l.url = render::task_url(list, t);
    l.kind = "task";
    l.title = t.name;
    l.issuer = list.issuer;
    l.province = list.province;
    l.program = list.program;
    l.round = list.round;
    l.submitter = render::submitter_of(list);
    l.lead = t.lead;
    l.issued = list.issued;
    l.withdrawn = model::superseded(model, list);  // withdrawn or replaced: closed
    l.parent_url = list.url;
    l.parent_title = list.title;
    for (const std::string* part : {&t.objectives, &t.content, &t.results, &t.notes}) {
      if (!part->empty()) r.body += (r.body.empty() ? "" : "\n") + *part;
    }
    if (!t.partners.empty()) r.body += "\n" + join(t.partners, "; ");
    records.push_back(std::move(r));
  }
}

}  // namespace

search::Listing listing_of(const model::SiteModel& model, const content::Document& d) {
  search::Listing l;
  l.url = d.url;
  l.kind = std::string(content::kind_name(d.kind));
  l.title = d.title;
  l.number = d.number;
  l.issuer = d.issuer;
  l.province = d.province;
  l.program = d.program;
  l.round = d.round;
  l.submitter = d.submitter;
  l.issued = d.issued;
  l.deadline = d.deadline;
  l.opens = d.opens;
  l.withdrawn = model::superseded(model, d);  // no longer open, as its page says
  return l;
}

std::vector<search::Record> search_records(const model::SiteModel& model,
                                           std::vector<std::string> texts) {
  std::vector<search::Record> records;
  records.reserve(model.documents.size());
  for (std::size_t i = 0; i < model.documents.size(); ++i) {
    const content::Document& d = model.documents[i];
    search::Record r;
    r.listing = listing_of(model, d);
    r.body = std::move(texts[i]);
    // Words a reader may search by that are not in the text: tags, cited numbers, people.
    for (const auto* list : {&d.tags, &d.references, &d.recipients}) {
      for (const auto& item : *list) r.keywords += item + "\n";
    }
    if (d.signer) r.keywords += d.signer->name + "\n";
    if (d.contact) r.keywords += d.contact->office + "\n";
    records.push_back(std::move(r));
  }
  for (const content::Document& d : model.documents) {
    if (d.kind == content::Kind::proposal_list) add_task_records(records, model, d);
  }
  return records;
}

namespace {

// Everything the index is made from, as one digest: the program that writes it, the commit it
// notes, and every record in its place (live or in which archive).
std::string index_inputs(const std::vector<search::Record>& live,
                         const std::vector<search::Archive>& archives,
                         const std::string& source_commit) {
  Sha256 digest;
  digest.update_field(program_identity());
  digest.update_field(source_commit);
  auto add = [&](const search::Record& r) { search::digest_record(digest, r); };
  digest.update_field("live " + std::to_string(live.size()));
  for (const search::Record& r : live) add(r);
  for (const search::Archive& a : archives) {
    digest.update_field("archive " + a.name + " " + std::to_string(a.records.size()));
    for (const search::Record* r : a.records) add(*r);
  }
  return digest.hex();
}

// What the last index written was made from, and its generation: "<digest> <generation>".
std::pair<std::string, std::string> read_last_inputs(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string digest, generation;
  in >> digest >> generation;
  return {digest, generation};
}

}  // namespace

Result<std::optional<search::PreparedIndex>> write_search_index(const model::SiteModel& model,
                                                                std::vector<std::string> texts,
                                                                const config::SiteConfig& config,
                                                                const IndexOptions& options) {
  std::vector<search::Record> all = search_records(model, std::move(texts));
  // Records of archived rounds go to an archive named after their programme and round;
  // the rest to the live index. Archive records point into `all`, which stays alive until
  // the index is written.
  std::vector<search::Record> live;
  std::map<std::string, search::Archive> archives;
  for (search::Record& r : all) {
    const search::Listing& l = r.listing;
    const model::Round* round = l.round ? model.find_round(l.program, *l.round) : nullptr;
    if (!round || !round->archived) {
      live.push_back(std::move(r));
      continue;
    }
    std::string name = text::slugify(l.program) + "-" + std::to_string(*l.round);
    archives[name].name = name;
    archives[name].records.push_back(&r);
  }
  std::vector<search::Archive> list;
  list.reserve(archives.size());
  for (auto& [name, archive] : archives) list.push_back(std::move(archive));

  // The same inputs make the same index: while the live one was made from them, it stays.
  std::string inputs = index_inputs(live, list, options.source_commit);
  if (!options.inputs_file.empty() && !options.rewrite) {
    auto [digest, generation] = read_last_inputs(options.inputs_file);
    std::error_code ec;
    std::filesystem::path live_link = config.search.index_dir / "live";
    if (digest == inputs && !generation.empty() &&
        std::filesystem::read_symlink(live_link, ec).filename() == generation &&
        std::filesystem::is_directory(config.search.index_dir / generation, ec)) {
      return std::optional<search::PreparedIndex>{};
    }
  }
  auto prepared = search::write_index(live, list, config.search.index_dir, options.threads,
                                      options.source_commit, !options.rewrite);
  if (!prepared) return prepared.error();
  if (!options.inputs_file.empty()) {
    // Noted before the switch, for the generation it names: if the switch does not happen,
    // the live index is another and the note does not apply.
    std::error_code ec;
    std::filesystem::create_directories(options.inputs_file.parent_path(), ec);
    std::ofstream(options.inputs_file, std::ios::trunc)
        << inputs << " " << prepared->generation.filename().string() << "\n";
  }
  return std::optional<search::PreparedIndex>(std::move(*prepared));
}

}  // namespace gazette::site
