// gazette_search_bench INDEX_DIR QUERIES_FILE [--runs N] [--now RFC3339] [--slowest K]
//                      [--tsv FILE] [--answers FILE] [--compare-static]
//
// In-process search latency: opens one search::Searcher on INDEX_DIR (the `live` index
// directory's parent, e.g. SITE/.gazette/search), runs every query of QUERIES_FILE once to
// warm up (and to count hits), then N times more (default 5), timing each search() call, and
// prints p50/p90/p99/max over all timed calls, the queries with zero hits and the slowest.
//
// QUERIES_FILE: one query a line, as typed; optionally a TAB and filters written as URL
// parameters (`program=1322&open=1`, values may be %-encoded), the same names /api/search
// takes: kind, program, round, province, issuer, submitter, lead, open, sort, page, per_page,
// issued_from, issued_to, deadline_from, deadline_to. Blank lines and lines starting with
// `#` are skipped.
//
// --answers FILE writes each query's answer, as /api/search gives it with facets=1, one JSON
// object a line: two builds, or two engines, are compared with diff.
//
// --compare-static answers each query (facets included) again with the static engine (the
// browser's, run natively over the same index) and prints how many answers are the same byte
// for byte, and the first that differ.
//
// The last line is machine-readable for scripts:
//   RESULT queries=200 runs=5 p50_ms=0.41 p90_ms=… p99_ms=… max_ms=… zero_hits=3 errors=0
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "gazette/core.hpp"
#include "gazette/search.hpp"
#include "gazette/serve.hpp"
#include "xapian_source.hpp"

namespace {

using namespace gazette;
using Clock = std::chrono::steady_clock;

struct Line {
  int number = 0;          // in the file, 1-based
  std::string text;        // the query as typed
  std::string filters;     // the second column, as written
  search::Query query;     // both parsed
  std::vector<double> ms;  // timed runs
  std::size_t total = 0;   // hits (from the warm-up)
  bool relaxed = false;
  std::string suggestion;
  std::string error;  // search() could not answer
};

// Nearest-rank percentile of sorted samples.
double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

double median_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[(v.size() - 1) / 2];
}

std::string shown(const Line& l) {
  std::string s = "\"" + l.text + "\"";
  if (!l.filters.empty()) s += " [" + l.filters + "]";
  return s;
}

// Reads QUERIES_FILE: each line's query and filters, parsed as /api/search parses them.
int read_queries(const std::string& path, Instant clock, int utc_offset, std::vector<Line>& lines) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "gazette_search_bench: cannot read " << path << "\n";
    return 2;
  }
  std::string raw;
  for (int number = 1; std::getline(in, raw); ++number) {
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    if (trim(raw).empty() || raw[0] == '#') continue;
    Line l;
    l.number = number;
    auto tab = raw.find('\t');
    l.text = std::string(trim(raw.substr(0, tab)));
    if (tab != std::string::npos) l.filters = std::string(trim(raw.substr(tab + 1)));
    auto query = serve::parse_search_query(
        "q=" + url_encode(l.text) + (l.filters.empty() ? "" : "&" + l.filters),
        serve::QueryDefaults{clock, 10, utc_offset});
    if (!query) {
      std::cerr << path << ":" << number << ": " << query.error().message << "\n";
      return 2;
    }
    l.query = *query;
    lines.push_back(std::move(l));
  }
  return 0;
}

struct Options {
  std::string index_dir, queries_file, tsv_path, answers_path, when;
  bool compare_static = false;
  int runs = 5;
  int slowest = 10;
  int utc_offset = 420;
};

void add_options(CLI::App& app, Options& o) {
  app.add_option("INDEX_DIR", o.index_dir, "The index directory (SITE/.gazette/search)")
      ->required();
  app.add_option("QUERIES_FILE", o.queries_file, "One query a line, a TAB, then filters")
      ->required();
  app.add_option("--runs", o.runs, "Timed runs over every query")->check(CLI::PositiveNumber);
  app.add_option("--slowest", o.slowest, "How many of the slowest queries to list")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--now", o.when, "The clock for open/closed (RFC 3339)");
  app.add_option("--tsv", o.tsv_path, "Also write per-query figures to this file");
  app.add_option("--answers", o.answers_path,
                 "Also write each query's answer (facets included) to this file, a line each");
  app.add_flag("--compare-static", o.compare_static,
               "Answer each query with the static engine too and compare the answers");
  app.add_option("--utc-offset", o.utc_offset,
                 "The site's UTC offset in minutes, for date ranges (the corpus: +07:00)")
      ->capture_default_str();
}

// Each query's answer with its facets, a line of /api/search's JSON each.
void write_answers(search::Searcher& searcher, const std::vector<Line>& lines,
                   const std::string& path) {
  std::ofstream out(path);
  for (const auto& l : lines) {
    search::Query q = l.query;
    q.facets = true;
    auto r = searcher.search(q);
    out << (r ? search::answer_json(q, *r, 7) : std::string("{\"error\":true}")) << '\n';
  }
}

// Each query's answer from the server's engine and from the static one; returns how many
// differ.
std::size_t compare_static(search::Searcher& searcher, const std::vector<Line>& lines,
                           const std::string& index_dir) {
  search::detail::XapianStaticSource source(search::detail::index_parts(index_dir));
  search::detail::TermCache cache;
  std::size_t same = 0, shown_differences = 0;
  for (const auto& l : lines) {
    search::Query q = l.query;
    q.facets = true;
    auto served = searcher.search(q);
    if (!served) continue;
    std::string server = search::answer_json(q, *served, 7);
    std::string browser =
        search::answer_json(q, search::detail::static_search(q, source, cache), 7);
    if (server == browser) {
      ++same;
    } else if (shown_differences++ < 3) {
      std::printf("  differs: line %d %s\n    server: %.300s\n    static: %.300s\n", l.number,
                  shown(l).c_str(), server.c_str(), browser.c_str());
    }
  }
  std::printf("static engine: %zu of %zu answers the same as the server's, byte for byte\n", same,
              lines.size());
  return lines.size() - same;
}

// Every query once; keeps the hit counts. Returns the errors.
std::size_t warm_up(search::Searcher& searcher, std::vector<Line>& lines) {
  std::size_t errors = 0;
  for (auto& l : lines) {
    auto r = searcher.search(l.query);
    if (!r) {
      l.error = r.error().message;
      ++errors;
      continue;
    }
    l.total = r->total;
    l.relaxed = r->relaxed;
    l.suggestion = r->suggestion;
  }
  return errors;
}

// All queries in file order, `runs` times over: every call's time, sorted.
std::vector<double> time_runs(search::Searcher& searcher, std::vector<Line>& lines, int runs,
                              std::size_t& errors, std::size_t& sink) {
  std::vector<double> all;
  all.reserve(lines.size() * static_cast<std::size_t>(runs));
  for (int run = 0; run < runs; ++run) {
    for (auto& l : lines) {
      auto start = Clock::now();
      auto r = searcher.search(l.query);
      if (r) {
        sink += r->hits.size();
      } else {
        ++errors;
      }
      double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      l.ms.push_back(ms);
      all.push_back(ms);
    }
  }
  std::sort(all.begin(), all.end());
  return all;
}

// The queries with zero hits or an error; returns how many had zero hits.
std::size_t print_misses(const std::vector<Line>& lines, std::size_t errors) {
  std::size_t zero = 0, relaxed = 0;
  for (const auto& l : lines) {
    if (l.error.empty() && l.total == 0) ++zero;
    if (l.relaxed) ++relaxed;
  }
  std::printf("queries with zero hits: %zu; answered relaxed (not every word): %zu; errors: %zu\n",
              zero, relaxed, errors);
  for (const auto& l : lines) {
    if (!l.error.empty()) {
      std::printf("  error   line %3d %s: %s\n", l.number, shown(l).c_str(), l.error.c_str());
    } else if (l.total == 0) {
      std::printf("  0 hits  line %3d %s%s%s\n", l.number, shown(l).c_str(),
                  l.suggestion.empty() ? "" : "  did you mean: ", l.suggestion.c_str());
    }
  }
  return zero;
}

void print_slowest(const std::vector<Line>& lines, int runs, int slowest) {
  std::vector<const Line*> order;
  order.reserve(lines.size());
  for (const auto& l : lines) order.push_back(&l);
  std::sort(order.begin(), order.end(),
            [](const Line* a, const Line* b) { return median_of(a->ms) > median_of(b->ms); });
  if (slowest <= 0) return;
  std::printf("slowest queries (median of %d runs):\n", runs);
  for (std::size_t i = 0; i < order.size() && i < static_cast<std::size_t>(slowest); ++i) {
    const Line& l = *order[i];
    std::printf("  %8.3f ms  line %3d %s  (%zu hits%s)\n", median_of(l.ms), l.number,
                shown(l).c_str(), l.total, l.relaxed ? ", relaxed" : "");
  }
}

void write_tsv(const std::string& path, const std::vector<Line>& lines) {
  std::ofstream tsv(path);
  tsv << "line\tmedian_ms\tmax_ms\thits\trelaxed\tsuggestion\tquery\tfilters\n";
  for (const auto& l : lines) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f\t%.3f", median_of(l.ms),
                  *std::max_element(l.ms.begin(), l.ms.end()));
    tsv << l.number << '\t' << buf << '\t' << l.total << '\t' << (l.relaxed ? 1 : 0) << '\t'
        << l.suggestion << '\t' << l.text << '\t' << l.filters << '\n';
  }
}

int fail(const std::string& problem) {
  std::cerr << "gazette_search_bench: " << problem << "\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"In-process search latency over a file of queries", "gazette_search_bench"};
  Options o;
  add_options(app, o);
  CLI11_PARSE(app, argc, argv);
  std::optional<Instant> fixed_now;
  if (!o.when.empty()) {
    fixed_now = parse_rfc3339(o.when);
    if (!fixed_now) return fail("--now must be RFC 3339, e.g. 2026-04-20T09:00:00+07:00");
  }
  Instant clock = fixed_now ? *fixed_now : now();
  std::vector<Line> lines;
  if (int rc = read_queries(o.queries_file, clock, o.utc_offset, lines); rc != 0) return rc;
  if (lines.empty()) return fail("no queries in " + o.queries_file);

  auto t0 = Clock::now();
  auto opened = search::Searcher::open(o.index_dir, {});
  if (!opened) {
    std::cerr << "gazette_search_bench: " << format_diagnostic(opened.error()) << "\n";
    return 1;
  }
  auto& searcher = **opened;
  double open_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  std::size_t errors = warm_up(searcher, lines);
  if (!o.answers_path.empty()) write_answers(searcher, lines, o.answers_path);
  std::size_t static_differences =
      o.compare_static ? compare_static(searcher, lines, o.index_dir) : 0;
  std::size_t sink = 0;
  std::vector<double> all = time_runs(searcher, lines, o.runs, errors, sink);
  double mean = std::accumulate(all.begin(), all.end(), 0.0) / static_cast<double>(all.size());

  std::printf("index %s: %zu documents, opened in %.1f ms\n", o.index_dir.c_str(),
              searcher.document_count(), open_ms);
  std::printf("%zu queries from %s, 1 warm-up + %d timed runs each (%zu searches), clock %s\n",
              lines.size(), o.queries_file.c_str(), o.runs, all.size(),
              format_rfc3339(clock).c_str());
  std::printf("latency ms: p50 %.3f  p90 %.3f  p99 %.3f  max %.3f  mean %.3f\n",
              percentile(all, 50), percentile(all, 90), percentile(all, 99), all.back(), mean);
  std::size_t zero = print_misses(lines, errors);
  print_slowest(lines, o.runs, o.slowest);
  if (!o.tsv_path.empty()) write_tsv(o.tsv_path, lines);
  std::printf(
      "RESULT queries=%zu runs=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f "
      "zero_hits=%zu errors=%zu\n",
      lines.size(), o.runs, percentile(all, 50), percentile(all, 90), percentile(all, 99),
      all.back(), zero, errors);
  if (static_differences > 0) return 1;
  return sink == static_cast<std::size_t>(-1) ? 3 : 0;  // keeps the results observable
}
