// Amounts in Vietnamese and international number formats, read exactly (core Money): the
// sign, the digit runs and their separators, then which separator is the decimal one.
#include "amounts.hpp"

#include <vector>

namespace gazette::content::detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Space-like bytes that may group thousands: space, no-break space, thin and narrow spaces.
std::size_t space_at(std::string_view s, std::size_t i) {
  if (s[i] == ' ') return 1;
  if (s.substr(i, 2) == "\xC2\xA0") return 2;
  if (s.substr(i, 3) == "\xE2\x80\x89" || s.substr(i, 3) == "\xE2\x80\xAF") return 3;
  return 0;
}

std::string_view trim_spaces(std::string_view s) {
  for (;;) {
    s = trim(s);
    if (!s.empty() && space_at(s, 0)) {
      s.remove_prefix(space_at(s, 0));
    } else if (s.size() >= 2 && space_at(s, s.size() - 2) == 2) {
      s.remove_suffix(2);
    } else if (s.size() >= 3 && space_at(s, s.size() - 3) == 3) {
      s.remove_suffix(3);
    } else {
      return s;
    }
  }
}

// Digit groups "1", "500", "000" joined by grouping separators: the first of 1–3 digits not
// starting with 0, the others of exactly 3.
bool groups_ok(const std::vector<std::string>& runs, std::size_t count) {
  if (count <= 1) return true;
  if (runs[0].size() > 3 || runs[0][0] == '0') return false;
  for (std::size_t i = 1; i < count; ++i) {
    if (runs[i].size() != 3) return false;
  }
  return true;
}

std::string join(const std::vector<std::string>& runs, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += runs[i];
  return out;
}

// An amount cell cut into digit runs and the separators between them ('.', ',' or ' ' for any
// space), with its sign: what the readings below decide on.
struct Digits {
  std::string_view raw;  ///< the cell as written, for messages
  bool negative = false;
  std::vector<std::string> runs{1};
  std::string seps;
  std::size_t dots = 0, commas = 0;
};

// A leading '-' (or − –) off `t`: returns whether there was one.
bool take_sign(std::string_view& t) {
  if (!t.empty() && t[0] == '-') {
    t = trim_spaces(t.substr(1));
    return true;
  }
  if (t.substr(0, 3) == "\xE2\x88\x92" || t.substr(0, 3) == "\xE2\x80\x93") {  // − –
    t = trim_spaces(t.substr(3));
    return true;
  }
  return false;
}

// Cuts `t` into digit runs and separators; false with `why` when it is not a number.
bool cut_runs(std::string_view t, Digits& d, std::string& why) {
  for (std::size_t i = 0; i < t.size();) {
    char c = t[i];
    std::size_t space = space_at(t, i);
    if (is_digit(c)) {
      d.runs.back() += c;
      ++i;
      continue;
    }
    if (c != '.' && c != ',' && !space) {
      why = "“" + std::string(d.raw) + "” is not a number";
      return false;
    }
    if (d.runs.back().empty()) {
      why = "“" + std::string(d.raw) + "” has a separator without digits before it";
      return false;
    }
    d.seps += space ? ' ' : c;
    d.runs.emplace_back();
    i += space ? space : 1;
  }
  if (d.runs.back().empty()) {
    why = "“" + std::string(d.raw) + "” ends with a separator";
    return false;
  }
  for (char c : d.seps) {
    d.dots += c == '.';
    d.commas += c == ',';
  }
  return true;
}

// The exact amount of digits, or nullopt with `why` naming the cell.
std::optional<Money> exact(const Digits& d, const std::string& whole, const std::string& fraction,
                           std::string& why) {
  std::string problem;
  auto m = money_from_digits(whole.empty() ? "0" : whole, fraction, d.negative, problem);
  if (!m) why = "“" + std::string(d.raw) + "” " + problem;
  return m;
}

std::string uneven(const Digits& d) {
  return "“" + std::string(d.raw) +
         "” groups its digits unevenly: thousands come in threes (1.500.000 or 1,500,000)";
}

// 1500, 1 500 (no dot or comma), or 1.500.000 / 1,500,000 (a separator that repeats):
// grouping only.
std::optional<Amount> read_grouped(const Digits& d, std::string& why) {
  if (!groups_ok(d.runs, d.runs.size())) {
    why = uneven(d);
    return std::nullopt;
  }
  Amount a;
  if (d.dots + d.commas > 0) {
    a.style = d.dots ? NumberStyle::vietnamese : NumberStyle::international;
  }
  auto v = exact(d, join(d.runs, 0, d.runs.size()), "", why);
  if (!v) return std::nullopt;
  a.value = *v;
  return a;
}

// 1.500,5 / 1,500.5: with both, the last one is the decimal separator.
std::optional<Amount> read_mixed(const Digits& d, std::string& why) {
  char decimal = d.seps.back();
  if (decimal == ' ' || (decimal == '.' ? d.dots : d.commas) != 1) {
    why = "“" + std::string(d.raw) + "” has more than one decimal separator";
    return std::nullopt;
  }
  if (!groups_ok(d.runs, d.runs.size() - 1)) {
    why = uneven(d);
    return std::nullopt;
  }
  Amount a;
  a.style = decimal == ',' ? NumberStyle::vietnamese : NumberStyle::international;
  auto v = exact(d, join(d.runs, 0, d.runs.size() - 1), d.runs.back(), why);
  if (!v) return std::nullopt;
  a.value = *v;
  return a;
}

// One '.' or ',': decimals, or thousands when three digits follow (then ambiguous).
std::optional<Amount> read_single(const Digits& d, std::string& why) {
  char c = d.dots ? '.' : ',';
  std::size_t at = d.seps.find(c);
  if (at != d.seps.size() - 1) {
    why = "“" + std::string(d.raw) + "” has digits grouped after its decimal separator";
    return std::nullopt;
  }
  if (!groups_ok(d.runs, at + 1)) {
    why = uneven(d);
    return std::nullopt;
  }
  std::string whole = join(d.runs, 0, at + 1);
  bool could_group = at == 0 && d.runs.back().size() == 3 && groups_ok(d.runs, d.runs.size());
  auto as_decimal = exact(d, whole, d.runs.back(), why);
  if (!as_decimal) return std::nullopt;
  Amount a;
  if (could_group) {
    auto as_thousands = exact(d, whole + d.runs.back(), "", why);
    if (!as_thousands) return std::nullopt;
    a.ambiguous = true;
    a.value = c == '.' ? *as_thousands : *as_decimal;
    a.international_value = c == '.' ? *as_decimal : *as_thousands;
  } else {
    a.style = c == ',' ? NumberStyle::vietnamese : NumberStyle::international;
    a.value = *as_decimal;
  }
  return a;
}

}  // namespace

std::optional<Amount> parse_amount(std::string_view raw, std::string& why) {
  std::string_view t = trim_spaces(raw);
  Digits d;
  d.raw = raw;
  d.negative = take_sign(t);
  if (t.empty()) {
    if (d.negative) return Amount{};  // "-": nothing, as accountants write zero
    why = "the cell is empty";
    return std::nullopt;
  }
  if (!cut_runs(t, d, why)) return std::nullopt;
  if (d.dots && d.commas) return read_mixed(d, why);
  if (d.dots + d.commas == 1) return read_single(d, why);
  return read_grouped(d, why);
}

std::string write_amount(Money value, NumberStyle style) {
  switch (style) {
    case NumberStyle::vietnamese:
      return format_money(value, ".", ',');
    case NumberStyle::international:
      return format_money(value, ",", '.');
    case NumberStyle::neither:
      break;
  }
  return format_money(value);
}

}  // namespace gazette::content::detail
