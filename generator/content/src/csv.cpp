// CSV records (RFC 4180) as spreadsheets export them: the reader and its cursor.
#include "csv.hpp"

namespace gazette::content::detail {

namespace {

// Lines start after CRLF, LF or CR: returns the length of the break at `pos` (0 if none).
std::size_t line_break_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  if (text[pos] == '\n') return 1;
  if (text[pos] == '\r') return pos + 1 < text.size() && text[pos + 1] == '\n' ? 2 : 1;
  return 0;
}

// Which delimiter the first record uses: the more frequent of ';' and ',' outside quotes.
char detect_delimiter(std::string_view text, std::size_t pos) {
  std::size_t commas = 0, semicolons = 0;
  bool quoted = false;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (line_break_at(text, pos)) break;
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

// Reads the CSV text with a cursor that knows its line and column.
class CsvReader {
 public:
  CsvReader(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  Result<CsvTable> read() {
    skip_comments();
    CsvTable table;
    table.delimiter = detect_delimiter(text_, pos_);
    delimiter_ = table.delimiter;
    while (pos_ < text_.size()) {
      CsvRow row;
      row.line = line_;
      for (;;) {
        auto cell = read_cell();
        if (!cell) return cell.error();
        row.cells.push_back(std::move(*cell));
        if (pos_ < text_.size() && text_[pos_] == delimiter_) {
          ++pos_;
          continue;
        }
        next_line();
        break;
      }
      bool blank = row.cells.size() == 1 && trim(row.cells[0].text).empty();
      if (!blank) table.rows.push_back(std::move(row));
    }
    return table;
  }

 private:
  SourceLoc here() const { return {line_, static_cast<int>(pos_ - line_start_ + 1)}; }

  void next_line() {
    std::size_t n = line_break_at(text_, pos_);
    if (n == 0) return;  // the end of the text
    pos_ += n;
    ++line_;
    line_start_ = pos_;
  }

  // '#' lines and blank lines before the first record.
  void skip_comments() {
    while (pos_ < text_.size()) {
      std::size_t end = pos_;
      while (end < text_.size() && !line_break_at(text_, end)) ++end;
      std::string_view line = text_.substr(pos_, end - pos_);
      if (!trim(line).empty() && trim(line)[0] != '#') return;
      pos_ = end;
      if (pos_ >= text_.size()) return;
      next_line();
    }
  }

  Diagnostic error(SourceLoc at, std::string message, std::string hint) const {
    return Diagnostic{Severity::error,    path_,           at,
                      std::move(message), std::move(hint), std::string(line_at(text_, at.line))};
  }

  Result<CsvCell> read_cell() {
    auto cell = read_raw_cell();
    // gazette's own exports put ' before what a spreadsheet would run (core csv_field).
    if (cell && is_neutralised_csv_cell(cell->text)) cell->text.erase(0, 1);
    return cell;
  }

  Result<CsvCell> read_raw_cell() {
    CsvCell cell;
    cell.loc = here();
    if (pos_ >= text_.size() || text_[pos_] != '"') {
      while (pos_ < text_.size() && text_[pos_] != delimiter_ && !line_break_at(text_, pos_)) {
        cell.text += text_[pos_++];
      }
      return cell;
    }
    ++pos_;  // the opening quote
    for (;;) {
      if (pos_ >= text_.size()) {
        return error(cell.loc, "the quoted cell that starts here is never closed",
                     "end the cell with a double quote (\"); a quote inside a quoted cell is "
                     "written twice (\"\")");
      }
      char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          cell.text += '"';
          pos_ += 2;
          continue;
        }
        ++pos_;
        break;
      }
      if (line_break_at(text_, pos_)) {
        cell.text += '\n';
        next_line();
        continue;
      }
      cell.text += c;
      ++pos_;
    }
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
    if (pos_ < text_.size() && text_[pos_] != delimiter_ && !line_break_at(text_, pos_)) {
      std::string message = "text after the closing quote of a quoted cell";
      if (cell.loc.line != line_) {
        message += " (the cell opened at line " + std::to_string(cell.loc.line) + ", column " +
                   std::to_string(cell.loc.column) + ")";
      }
      return error(here(), message,
                   "a quote inside a quoted cell is written twice (\"\"); check that every "
                   "quoted cell is closed before the next delimiter");
    }
    return cell;
  }

  std::string_view text_;
  const std::string& path_;
  char delimiter_ = ',';
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
};

}  // namespace

Result<CsvTable> parse_csv(std::string_view text, const std::string& path) {
  return CsvReader(text, path).read();
}

}  // namespace gazette::content::detail
