// /api/search's answer: the results as JSON.
#include "gazette/search.hpp"
#include "listing.hpp"

namespace gazette::search {

std::string answer_json(const Query& q, const Results& r, int closing_soon_days) {
  using Json = nlohmann::ordered_json;
  Json out;
  out["query"] = q.text;
  out["total"] = r.total;
  out["total_exact"] = r.total_exact;
  out["page"] = q.page;
  out["pages"] = r.pages;
  if (!r.suggestion.empty()) out["suggestion"] = r.suggestion;
  out["corrected"] = r.corrected;  // the hits are for the suggestion
  out["relaxed"] = r.relaxed;
  out["open"] = r.open;  // how many matches are calls open now
  out["open_exact"] = r.open_exact;
  if (!r.source_commit.empty()) out["source_commit"] = r.source_commit;
  Json hits = Json::array();
  for (const auto& h : r.hits) {
    Json j = detail::listing_json(h.listing);
    if (h.listing.deadline) {
      j["state"] = state_name(call_state(h.listing.call(), q.now, closing_soon_days));
    }
    j["snippet"] = h.snippet_html;
    hits.push_back(std::move(j));
  }
  out["hits"] = std::move(hits);
  Json facets = Json::object();
  for (const auto& f : r.facets) {
    Json values = Json::array();
    for (const auto& [value, count] : f.values) {
      Json v = {{"value", value}, {"count", count}};
      if (auto label = f.labels.find(value); label != f.labels.end()) v["label"] = label->second;
      values.push_back(std::move(v));
    }
    facets[f.name] = std::move(values);
  }
  out["facets"] = std::move(facets);
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace gazette::search
