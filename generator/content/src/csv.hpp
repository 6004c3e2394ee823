// CSV as spreadsheets export it: records of cells, each cell with its line and column.
//
//   auto table = detail::parse_csv(text, "content/proposals/2025/a.csv");
//   // table->delimiter is ';' or ',' (from the first line); each cell knows its line and column
//
// Proposal lists read through it (csv_tasks.cpp): a same-named CSV beside a list's .toml holds
// its tasks; their amounts are read by amounts.hpp, their columns by form_columns.hpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gazette/core.hpp"

namespace gazette::content::detail {

/// One cell: its text (quotes removed, "" read as ", every line break as \n) and where it
/// starts in the file (the opening quote of a quoted cell).
struct CsvCell {
  std::string text;
  SourceLoc loc;
};

/// One record. A quoted cell may span lines: `line` is where the record starts.
struct CsvRow {
  std::vector<CsvCell> cells;
  int line = 0;
};

struct CsvTable {
  char delimiter = ',';
  std::vector<CsvRow> rows;  ///< every record, the header first; blank lines left out
};

/// Reads RFC 4180 CSV: cells in double quotes may hold the delimiter, line breaks and
/// doubled quotes (""); records end with CRLF, LF or CR. The delimiter is ';' when the
/// first record has more semicolons than commas outside quotes, else ','. Lines starting
/// with '#' before the first record are comments. A ' before = + - @, a tab or a line break
/// at the start of a cell (how CSV exports keep a cell from being run as a formula) is dropped.
/// `text` is UTF-8 without a BOM; errors
/// name `path`, the line and the column (bytes, 1-based).
Result<CsvTable> parse_csv(std::string_view text, const std::string& path);

}  // namespace gazette::content::detail
