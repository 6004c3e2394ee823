// Amounts as Vietnamese offices write them (1.500,5 or 1,500.5 or 1 500), read exactly.
//
//   std::string why;
//   auto amount = detail::parse_amount("1.500,5", why);   // 1500.5, Vietnamese style
//   detail::write_amount(amount->value, NumberStyle::international);   // "1,500.5"
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gazette/core.hpp"

namespace gazette::content::detail {

/// How a number writes thousands and decimals.
///   vietnamese:    dot for thousands, comma for decimals: 1.500,5  1.500.000  12,5
///   international: comma for thousands, dot for decimals: 1,500.5  1,500,000  12.5
/// Digits alone (1500), or grouped by spaces only (1 500), belong to neither.
enum class NumberStyle { neither, vietnamese, international };

/// An amount read from a cell.
struct Amount {
  Money value;                               ///< the reading in `style` (for `ambiguous`:
                                             ///< the Vietnamese reading)
  NumberStyle style = NumberStyle::neither;  ///< the style the text proves, if any
  bool ambiguous = false;                    ///< "1.500" / "1,500": one separator, then
                                             ///< three digits: thousands in one style,
                                             ///< decimals in the other
  Money international_value;                 ///< for `ambiguous`: the international reading
};

/// Parses an amount cell. The rule: with both '.' and ',' the last one is the decimal
/// separator; a separator that repeats groups thousands; a single separator followed by
/// other than three digits (or after a leading 0, or a group longer than three digits) is
/// the decimal separator; a single separator followed by exactly three digits is ambiguous
/// and the file's style decides. Spaces (also no-break) may group thousands. A leading '-'
/// makes it negative; "-" alone is zero. The amount is exact (Money); nullopt if the text is
/// not a number or holds more than Money keeps exactly (more than 3 decimals, more than 15
/// digits before them); `why` then says what is wrong.
std::optional<Amount> parse_amount(std::string_view text, std::string& why);

/// "1.500,5" / "1,500.5": a value written in a style, for messages.
std::string write_amount(Money value, NumberStyle style);

}  // namespace gazette::content::detail
