// The deadlines a notice's text names, read the ways Vietnamese notices write them.
#pragma once

#include <string_view>
#include <vector>

#include "gazette/core.hpp"

namespace gazette::content::detail {

/// A deadline named in the text: "trước 17h00 ngày 25/4/2023", "đến hết ngày 25 tháng 4".
struct NamedDeadline {
  Date date;
  bool year_given = true;  ///< false: the year is the issue date's (or the next)
  int hour = -1;           ///< -1: no time named
  int minute = 0;
  int line = 0;
  int column = 0;  ///< 1-based, in bytes of the line as written: the time, or the date
};

/// Reads the Markdown `text`, whose first line is line `first_line` of its file. A date without a
/// year falls in the year of `issued`, or in the next one when it would come before `issued`.
/// Dates that are not deadlines (documents cited, results, meetings, the issue date, the start
/// of a range) are left out.
std::vector<NamedDeadline> named_deadlines(std::string_view text, int first_line,
                                           const Date& issued);

}  // namespace gazette::content::detail
