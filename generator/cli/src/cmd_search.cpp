#include <unistd.h>
#include <cstdio>

#include "commands.hpp"
#include "console.hpp"
#include "gazette/search.hpp"
#include "gazette/text.hpp"

namespace gazette::cli {

namespace {

// Snippets mark matches with <mark>; a terminal shows them in bold, or *like this* in a pipe.
std::string terminal_text(const std::string& html, bool color) {
  std::string out = html;
  auto replace_all = [&](const std::string& from, const std::string& to) {
    for (std::size_t pos = out.find(from); pos != std::string::npos;
         pos = out.find(from, pos + to.size())) {
      out.replace(pos, from.size(), to);
    }
  };
  replace_all("<mark>", color ? "\033[1m" : "*");
  replace_all("</mark>", color ? "\033[0m" : "*");
  replace_all("&lt;", "<");
  replace_all("&gt;", ">");
  replace_all("&quot;", "\"");
  replace_all("&#39;", "'");
  replace_all("&amp;", "&");
  return out;
}

search::Query query_of(const SearchArgs& args, const config::SiteConfig& config, Instant now) {
  search::Query q;
  q.text = args.text;
  q.now = now;
  q.kinds = args.kinds;
  q.programs = args.programs;
  q.rounds = args.rounds;
  q.provinces = args.provinces;
  q.issuers = args.issuers;
  if (args.open) q.open = true;
  if (args.closed) q.open = false;
  if (args.sort == "newest") q.sort = search::Query::Sort::newest;
  if (args.sort == "deadline") q.sort = search::Query::Sort::deadline;
  q.page = args.page;
  q.page_size = args.limit;
  q.utc_offset_minutes = text::utc_offset_minutes(config.timezone, now).value_or(0);
  q.as_typed = args.as_typed;
  return q;
}

// The results as text for a terminal: the reading of the query, the counts, then each hit.
void print_results(const search::Query& q, const search::Results& results,
                   const config::SiteConfig& config, Instant clock) {
  bool color = isatty(1);
  if (results.corrected) {
    std::printf("Showing results for: %s (--as-typed searches the words as typed)\n",
                results.suggestion.c_str());
  } else if (!results.suggestion.empty()) {
    std::printf("Did you mean: %s\n", results.suggestion.c_str());
  }
  if (results.relaxed) std::printf("No document has every word; these have some of them.\n");
  std::printf("%s%zu result%s", results.total_exact ? "" : "about ", results.total,
              results.total == 1 ? "" : "s");
  if (results.open > 0)
    std::printf(", %s%zu open", results.open_exact ? "" : "at least ", results.open);
  std::printf("\n");
  int rank = (q.page - 1) * q.page_size;
  for (const auto& hit : results.hits) {
    const search::Listing& h = hit.listing;
    std::printf("\n%d. %s\n   %s", ++rank, h.title.c_str(), h.kind.c_str());
    if (!h.number.empty()) std::printf(" · %s", h.number.c_str());
    if (!h.issuer.empty()) std::printf(" · %s", h.issuer.c_str());
    std::printf(" · %s", format_iso_date(h.issued).c_str());
    if (h.deadline) {
      CallState state = call_state(h.call(), clock, config.closing_soon_days);
      std::printf(" · deadline %s (%s)", format_rfc3339(*h.deadline).c_str(), state_name(state));
    }
    std::printf("\n   %s%s\n", config.base_url.c_str(), h.url.substr(1).c_str());
    if (!hit.snippet_html.empty())
      std::printf("   %s\n", terminal_text(hit.snippet_html, color).c_str());
  }
}

}  // namespace

int run_search(const SearchArgs& args) {
  auto config = load_site_or_report(args.common);
  if (!config) return 1;
  auto clock = clock_of(args.common);
  if (!clock) return 2;
  std::string problem = search::validate_query_text(args.text);
  if (!problem.empty()) {
    std::fprintf(stderr, "error: %s\n", problem.c_str());
    return 1;
  }
  search::Query q = query_of(args, *config, *clock);
  std::vector<std::string> shards;
  for (const auto& s : config->search.shards) shards.push_back(s.location);
  auto searcher = search::Searcher::open(config->search.index_dir, shards);
  if (!searcher) {
    print_diagnostics({searcher.error()}, 0);
    return 1;
  }
  auto answer = (*searcher)->search(q);
  if (!answer) {
    print_diagnostics({answer.error()}, 0);
    return 2;
  }
  const search::Results& results = *answer;
  if (args.json) {
    std::printf("%s\n", search::answer_json(q, results, config->closing_soon_days).c_str());
    return 0;
  }
  print_results(q, results, *config, *clock);
  return 0;
}

}  // namespace gazette::cli
