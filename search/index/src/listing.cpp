#include "listing.hpp"

#include <algorithm>

#include "terms.hpp"

namespace gazette::search::detail {

nlohmann::ordered_json listing_json(const Listing& l) {
  nlohmann::ordered_json j;
  j["url"] = l.url;
  j["kind"] = l.kind;
  j["title"] = l.title;
  if (!l.number.empty()) j["number"] = l.number;
  if (!l.issuer.empty()) j["issuer"] = l.issuer;
  if (!l.province.empty()) j["province"] = l.province;
  if (!l.program.empty()) j["program"] = l.program;
  if (l.round) j["round"] = *l.round;
  if (!l.submitter.empty()) j["submitter"] = l.submitter;
  if (!l.lead.empty()) j["lead"] = l.lead;
  j["issued"] = format_iso_date(l.issued);
  if (l.deadline) j["deadline"] = format_rfc3339(*l.deadline);
  if (l.opens) j["opens"] = format_rfc3339(*l.opens);
  if (l.withdrawn) j["withdrawn"] = true;
  if (!l.parent_url.empty()) {
    j["list_url"] = l.parent_url;
    j["list_title"] = l.parent_title;
  }
  return j;
}

Listing listing_from_json(const nlohmann::json& j) {
  auto text = [&](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  auto instant = [&](const char* key) -> std::optional<Instant> {
    return j.contains(key) ? parse_rfc3339(text(key)) : std::nullopt;
  };
  Listing l;
  l.url = text("url");
  l.kind = text("kind");
  l.title = text("title");
  l.number = text("number");
  l.issuer = text("issuer");
  l.province = text("province");
  l.program = text("program");
  if (auto it = j.find("round"); it != j.end() && it->is_number_integer()) l.round = it->get<int>();
  l.submitter = text("submitter");
  l.lead = text("lead");
  if (auto issued = parse_rfc3339(text("issued"))) l.issued = local_time(*issued).date;
  l.deadline = instant("deadline");
  l.opens = instant("opens");
  l.withdrawn = j.value("withdrawn", false);
  l.parent_url = text("list_url");
  l.parent_title = text("list_title");
  return l;
}

std::optional<Listing> stored_listing(const std::string& data) {
  // A line of JSON with the fields, then the body (see document_data in indexer.cpp).
  std::size_t newline = std::min(data.find('\n'), data.size());
  auto j = nlohmann::json::parse(data.data(), data.data() + newline, nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return listing_from_json(j);
}

std::map<std::string, std::string> program_titles(const Xapian::Database& db) {
  constexpr Xapian::doccount kMostPrograms = 10000;  // a site has tens
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(std::string(kKind) + "program"));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  std::map<std::string, std::string> titles;
  Xapian::MSet programs = enquire.get_mset(0, kMostPrograms);
  for (auto it = programs.begin(); it != programs.end(); ++it) {
    auto listing = stored_listing(it.get_document().get_data());
    if (listing && !listing->program.empty()) titles.emplace(listing->program, listing->title);
  }
  return titles;
}

}  // namespace gazette::search::detail
