#include "params.hpp"

#include <algorithm>
#include <charconv>

namespace gazette::serve::detail {

namespace {

constexpr std::size_t kMaxValueBytes = 200;
constexpr int kMaxPage = 10000;
constexpr int kMaxPerPage = 100;

Diagnostic refusal(std::string message) {
  return Diagnostic{Severity::error, "", {}, std::move(message), {}, {}};
}

std::optional<int> integer(const std::string& text, int low, int high) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    return std::nullopt;
  }
  return value;
}

std::optional<Date> date(const std::string& text) {
  auto instant = parse_rfc3339(text);
  if (!instant || text.size() != 10) return std::nullopt;
  return local_time(*instant).date;
}

}  // namespace

Result<search::Query> parse_query(const Params& params, const QueryDefaults& defaults) {
  search::Query q;
  q.now = defaults.now;
  q.page_size = defaults.page_size;
  q.utc_offset_minutes = defaults.utc_offset_minutes;
  static const std::vector<std::string> kKinds = {"notice",  "guidance", "proposal-list",
                                                  "program", "page",     "task"};
  auto is_text = [](const std::string& s) {
    return s.size() <= kMaxValueBytes && !find_invalid_utf8(s) && s.find('\0') == std::string::npos;
  };
  for (const auto& [key, raw] : params) {
    // A name is echoed in the refusals below: one that is not text is refused itself.
    if (!is_text(key)) return refusal("a parameter's name is not acceptable text");
    std::string value(trim(raw));
    if (key == "q") {
      std::string problem = search::validate_query_text(raw);
      if (!problem.empty()) return refusal(problem);
      q.text = value;
      continue;
    }
    if (!is_text(value)) return refusal("the value of `" + key + "` is not acceptable text");
    if (value.empty()) continue;  // an empty choice of a form ("all")
    if (key == "kind") {
      if (std::find(kKinds.begin(), kKinds.end(), value) == kKinds.end()) {
        return refusal("unknown kind `" + value +
                       "`: use notice, guidance, proposal-list, program, page or task");
      }
      q.kinds.push_back(value);
    } else if (key == "program") {
      q.programs.push_back(value);
    } else if (key == "province") {
      q.provinces.push_back(value);
    } else if (key == "issuer") {
      q.issuers.push_back(value);
    } else if (key == "submitter") {
      q.submitters.push_back(value);
    } else if (key == "lead") {
      q.leads.push_back(value);
    } else if (key == "round") {
      auto round = integer(value, 1900, 2200);
      if (!round) return refusal("`round` must be a year such as 2024");
      q.rounds.push_back(*round);
    } else if (key == "open") {
      if (value == "1" || value == "true" || value == "on") {
        q.open = true;
      } else if (value == "0" || value == "false") {
        q.open = false;
      } else {
        return refusal("`open` must be 1 (open calls) or 0 (closed calls)");
      }
    } else if (key == "issued_from" || key == "issued_to" || key == "deadline_from" ||
               key == "deadline_to") {
      auto d = date(value);
      if (!d) return refusal("`" + key + "` must be a date such as 2023-04-25");
      if (key == "issued_from") q.issued_from = d;
      if (key == "issued_to") q.issued_to = d;
      if (key == "deadline_from") q.deadline_from = d;
      if (key == "deadline_to") q.deadline_to = d;
    } else if (key == "sort") {
      if (value == "relevance") {
        q.sort = search::Query::Sort::relevance;
      } else if (value == "newest") {
        q.sort = search::Query::Sort::newest;
      } else if (value == "deadline") {
        q.sort = search::Query::Sort::deadline;
      } else {
        return refusal("`sort` must be relevance, newest or deadline");
      }
    } else if (key == "page") {
      auto page = integer(value, 1, kMaxPage);
      if (!page)
        return refusal("`page` must be a page number from 1 to " + std::to_string(kMaxPage));
      q.page = *page;
    } else if (key == "facets") {
      q.facets = value == "1" || value == "true";
    } else if (key == "as_typed") {
      q.as_typed = value == "1" || value == "true";
    } else if (key == "per_page" || key == "limit") {
      auto size = integer(value, 1, kMaxPerPage);
      if (!size) {
        return refusal("`" + key + "` must be a number of results from 1 to " +
                       std::to_string(kMaxPerPage));
      }
      q.page_size = *size;
    }
    // Other parameters are ignored, as a search engine would.
  }
  return q;
}

}  // namespace gazette::serve::detail

namespace gazette::serve {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out += ' ';
    } else if (in[i] == '%' && i + 2 < in.size() && hex_value(in[i + 1]) >= 0 &&
               hex_value(in[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2]));
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

}  // namespace

Result<search::Query> parse_search_query(std::string_view query_string,
                                         const QueryDefaults& defaults) {
  detail::Params params;
  for (std::string_view part : split(query_string, '&')) {
    if (part.empty()) continue;
    std::size_t eq = part.find('=');
    params.emplace(percent_decode(part.substr(0, eq)),
                   eq == std::string_view::npos ? "" : percent_decode(part.substr(eq + 1)));
  }
  return detail::parse_query(params, defaults);
}

}  // namespace gazette::serve
