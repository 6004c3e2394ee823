// CSV as spreadsheets export it, and amounts as Vietnamese offices write them.
//
//   auto table = detail::parse_csv(text, "content/proposals/2025/a.csv");
//   // table->delimiter is ';' or ',' (from the first line); each cell knows its line and column
//   auto amount = detail::parse_amount("1.500,5");   // 1500.5, Vietnamese style
//
// Proposal lists read through these: a same-named CSV beside a list's .toml holds its tasks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/config.hpp"
#include "gazette/content.hpp"
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

// ---------------------------------------------------------------------------------------
// The appendix form's columns and cells.

/// A column of the form.
enum class FormColumn {
  none,
  stt,
  name,
  lead,
  partners,
  lead_partners,  ///< the form's one column "Tổ chức chủ trì, phối hợp"
  objectives,
  content,
  results,
  duration,
  total,
  state,
  counterpart,
  notes,
  budget  ///< "Dự kiến kinh phí": the group over Tổng số, NSNN, Đối ứng (a two-row header)
};

/// "Tên nhiệm vụ (sắp xếp theo thứ tự ưu tiên)" → "ten nhiem vu": folded, without
/// parentheses or punctuation.
std::string normalize_header(std::string_view header);
/// The column a header names, in Vietnamese with or without marks, in any case, or by its
/// English key: an alias exactly, else the longest alias the header begins with
/// ("Dự kiến kết quả/ sản phẩm và yêu cầu đạt được" → results). `none` if unknown.
FormColumn match_column(std::string_view header);
/// The form's title of a column: "Tổng số".
const char* column_title(FormColumn col);
/// The title of the known column closest to an unknown header, or "".
std::string suggest_column(std::string_view header);
/// "known columns: Stt, Tên nhiệm vụ, …; or stt, name, …" for hints.
extern const char* const kKnownColumns;

/// The priority in an Stt cell ("1", "1."), or nullopt.
std::optional<int> parse_stt(std::string_view cell);
/// The first line of a cell, trimmed.
std::string first_line(std::string_view cell);
/// A cell on one line: its line breaks read as spaces.
std::string one_line(std::string_view cell);
/// A multi-line cell with each line trimmed and no blank lines at either end.
std::string clean_text(std::string_view cell);
/// Organisations in a cell: one per line or separated by ';', list marks ("- ", "• ") removed.
std::vector<std::string> split_organisations(std::string_view cell);
/// The form's single column "Tổ chức chủ trì, phối hợp" into task.lead and task.partners:
/// "Chủ trì: X" and "Phối hợp: Y; Z", or without labels the lead first, then partners.
void split_lead_partners(std::string_view cell, Task& task);

// ---------------------------------------------------------------------------------------
// Proposal lists from CSV (proposals.cpp).

/// The tasks of a proposal list whose metadata `doc` was read from a .toml: when a CSV of
/// the same name is beside it, its rows become doc.tasks (every problem reported with the
/// CSV's line and column). Returns false when the list has errors.
bool read_task_csv(Document& doc, const config::SiteConfig& config, Diagnostics& diags);

/// Reads the tasks of a CSV proposal list from its bytes into `doc` (tested without disk).
bool read_csv_tasks(std::string_view bytes, const std::string& csv_path, Document& doc,
                    const config::SiteConfig& config, Diagnostics& diags);

}  // namespace gazette::content::detail
