// Exact amounts: thousandths of a unit in a 128-bit integer, read from and written as digits.
#include <algorithm>

#include "gazette/core.hpp"

namespace gazette {

namespace {

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

double Money::to_double() const {
  return static_cast<double>(thousandths_) / 1000.0;  // exact to 15 significant digits
}

std::optional<Money> money_from_digits(std::string_view whole, std::string_view fraction,
                                       bool negative, std::string& why) {
  if ((whole.empty() && fraction.empty()) || !all_digits(whole) || !all_digits(fraction)) {
    why = "is not a number";
    return std::nullopt;
  }
  while (!whole.empty() && whole.front() == '0') whole.remove_prefix(1);
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  if (fraction.size() > static_cast<std::size_t>(Money::kDecimals)) {
    why = "has more than 3 decimals: amounts are kept exactly, to a thousandth";
    return std::nullopt;
  }
  if (whole.size() > static_cast<std::size_t>(Money::kMaxWholeDigits)) {
    why =
        "has more than 15 digits before the decimal separator: amounts are kept exactly, up "
        "to 999 999 999 999 999.999";
    return std::nullopt;
  }
  Money::Units units = 0;
  for (char c : whole) units = units * 10 + (c - '0');
  for (std::size_t i = 0; i < static_cast<std::size_t>(Money::kDecimals); ++i) {
    units = units * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  }
  return Money::from_thousandths(negative ? -units : units);
}

std::optional<Money> parse_money(std::string_view text, std::string& why) {
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  std::size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || (dot != std::string_view::npos && fraction.empty())) {
    why = "is not a number";
    return std::nullopt;
  }
  return money_from_digits(whole, fraction, negative, why);
}

std::string format_money(Money amount, std::string_view group, char decimal) {
  Money::Units units = amount.thousandths();
  bool negative = units < 0;
  if (negative) units = -units;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(units % 10)));
    units /= 10;
  } while (units > 0);
  while (digits.size() <= static_cast<std::size_t>(Money::kDecimals)) digits.insert(0, "0");
  std::string whole = digits.substr(0, digits.size() - Money::kDecimals);
  std::string fraction = digits.substr(digits.size() - Money::kDecimals);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string out = negative ? "-" : "";
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += group;
    out += whole[i];
  }
  if (!fraction.empty()) out += decimal + fraction;
  return out;
}

}  // namespace gazette
