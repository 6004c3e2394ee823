// The parameters of /search and /api/search into a search::Query: a table of the parameters
// it reads, each value checked and refused with what is expected.
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

// One search parameter into the query: nullopt, or why its value is refused.
using Refusal = std::optional<std::string>;
using Setter = Refusal (*)(const std::string& key, const std::string& value, search::Query& q);

Refusal set_kind(const std::string&, const std::string& value, search::Query& q) {
  static const std::vector<std::string> kKinds = {"notice",  "guidance", "proposal-list",
                                                  "program", "page",     "task"};
  if (std::find(kKinds.begin(), kKinds.end(), value) == kKinds.end()) {
    return "unknown kind `" + value +
           "`: use notice, guidance, proposal-list, program, page or task";
  }
  q.kinds.push_back(value);
  return std::nullopt;
}

template <std::vector<std::string> search::Query::*kField>
Refusal add_text(const std::string&, const std::string& value, search::Query& q) {
  (q.*kField).push_back(value);
  return std::nullopt;
}

Refusal set_round(const std::string&, const std::string& value, search::Query& q) {
  auto round = integer(value, 1900, 2200);
  if (!round) return "`round` must be a year such as 2024";
  q.rounds.push_back(*round);
  return std::nullopt;
}

Refusal set_open(const std::string&, const std::string& value, search::Query& q) {
  if (value == "1" || value == "true" || value == "on") {
    q.open = true;
  } else if (value == "0" || value == "false") {
    q.open = false;
  } else {
    return "`open` must be 1 (open calls) or 0 (closed calls)";
  }
  return std::nullopt;
}

template <std::optional<Date> search::Query::*kField>
Refusal set_date(const std::string& key, const std::string& value, search::Query& q) {
  auto d = date(value);
  if (!d) return "`" + key + "` must be a date such as 2023-04-25";
  q.*kField = d;
  return std::nullopt;
}

Refusal set_sort(const std::string&, const std::string& value, search::Query& q) {
  if (value == "relevance") {
    q.sort = search::Query::Sort::relevance;
  } else if (value == "newest") {
    q.sort = search::Query::Sort::newest;
  } else if (value == "deadline") {
    q.sort = search::Query::Sort::deadline;
  } else {
    return "`sort` must be relevance, newest or deadline";
  }
  return std::nullopt;
}

Refusal set_page(const std::string&, const std::string& value, search::Query& q) {
  auto page = integer(value, 1, kMaxPage);
  if (!page) return "`page` must be a page number from 1 to " + std::to_string(kMaxPage);
  q.page = *page;
  return std::nullopt;
}

template <bool search::Query::*kField>
Refusal set_flag(const std::string&, const std::string& value, search::Query& q) {
  q.*kField = value == "1" || value == "true";
  return std::nullopt;
}

Refusal set_page_size(const std::string& key, const std::string& value, search::Query& q) {
  auto size = integer(value, 1, kMaxPerPage);
  if (!size) {
    return "`" + key + "` must be a number of results from 1 to " + std::to_string(kMaxPerPage);
  }
  q.page_size = *size;
  return std::nullopt;
}

// The parameters a search reads (q apart); others are ignored, as a search engine would.
struct Param {
  std::string_view key;
  Setter set;
};
constexpr Param kParams[] = {
    {"kind", set_kind},
    {"program", add_text<&search::Query::programs>},
    {"province", add_text<&search::Query::provinces>},
    {"issuer", add_text<&search::Query::issuers>},
    {"submitter", add_text<&search::Query::submitters>},
    {"lead", add_text<&search::Query::leads>},
    {"round", set_round},
    {"open", set_open},
    {"issued_from", set_date<&search::Query::issued_from>},
    {"issued_to", set_date<&search::Query::issued_to>},
    {"deadline_from", set_date<&search::Query::deadline_from>},
    {"deadline_to", set_date<&search::Query::deadline_to>},
    {"sort", set_sort},
    {"page", set_page},
    {"facets", set_flag<&search::Query::facets>},
    {"as_typed", set_flag<&search::Query::as_typed>},
    {"per_page", set_page_size},
    {"limit", set_page_size},
};

bool is_text(const std::string& s) {
  return s.size() <= kMaxValueBytes && !find_invalid_utf8(s) && s.find('\0') == std::string::npos;
}

}  // namespace

Result<search::Query> parse_query(const Params& params, const QueryDefaults& defaults) {
  search::Query q;
  q.now = defaults.now;
  q.page_size = defaults.page_size;
  q.utc_offset_minutes = defaults.utc_offset_minutes;
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
    for (const Param& p : kParams) {
      if (p.key != key) continue;
      if (Refusal why = p.set(key, value, q)) return refusal(std::move(*why));
      break;
    }
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
