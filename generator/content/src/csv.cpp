// CSV records (RFC 4180) and amounts in Vietnamese and international number formats.
#include "csv.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "gazette/text.hpp"

namespace gazette::content::detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

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

struct ColumnSpec {
  FormColumn col;
  const char* title;                 ///< as in the form
  std::vector<std::string> aliases;  ///< folded, without punctuation; the English key too
};

const std::vector<ColumnSpec>& column_specs() {
  static const std::vector<ColumnSpec> specs = {
      {FormColumn::stt, "Stt", {"stt", "so thu tu", "tt", "no"}},
      {FormColumn::name, "Tên nhiệm vụ", {"ten nhiem vu", "nhiem vu", "name", "task"}},
      {FormColumn::lead,
       "Tổ chức chủ trì",
       {"to chuc chu tri", "chu tri", "don vi chu tri", "co quan chu tri", "lead"}},
      {FormColumn::partners,
       "Tổ chức phối hợp",
       {"to chuc phoi hop", "phoi hop", "don vi phoi hop", "co quan phoi hop", "partners"}},
      {FormColumn::lead_partners,
       "Tổ chức chủ trì, phối hợp",
       {"to chuc chu tri phoi hop", "to chuc chu tri va phoi hop", "chu tri phoi hop"}},
      {FormColumn::objectives, "Mục tiêu", {"muc tieu", "objectives"}},
      {FormColumn::content, "Nội dung chính", {"noi dung chinh", "noi dung", "content"}},
      {FormColumn::results,
       "Dự kiến kết quả",
       {"du kien ket qua", "ket qua du kien", "ket qua", "san pham", "results"}},
      {FormColumn::duration,
       "Thời gian thực hiện",
       {"thoi gian thuc hien", "thoi gian", "duration"}},
      {FormColumn::total, "Tổng số", {"tong so", "tong", "tong kinh phi", "total"}},
      {FormColumn::state,
       "NSNN",
       {"nsnn", "ngan sach nha nuoc", "kinh phi nsnn", "tu nsnn", "kinh phi tu nsnn", "state"}},
      {FormColumn::counterpart,
       "Đối ứng",
       {"doi ung", "kinh phi doi ung", "von doi ung", "nguon khac", "counterpart"}},
      {FormColumn::notes, "Ghi chú", {"ghi chu", "notes", "note"}},
      {FormColumn::budget, "Dự kiến kinh phí", {"du kien kinh phi", "kinh phi", "budget"}},
  };
  return specs;
}

}  // namespace

Result<CsvTable> parse_csv(std::string_view text, const std::string& path) {
  return CsvReader(text, path).read();
}

std::optional<Amount> parse_amount(std::string_view raw, std::string& why) {
  std::string_view t = trim_spaces(raw);
  bool negative = false;
  if (!t.empty() && t[0] == '-') {
    negative = true;
    t = trim_spaces(t.substr(1));
  } else if (t.substr(0, 3) == "\xE2\x88\x92" || t.substr(0, 3) == "\xE2\x80\x93") {  // − –
    negative = true;
    t = trim_spaces(t.substr(3));
  }
  if (t.empty()) {
    if (negative) return Amount{};  // "-": nothing, as accountants write zero
    why = "the cell is empty";
    return std::nullopt;
  }
  // Digit runs and the separators between them ('.', ',' or ' ' for any space).
  std::vector<std::string> runs(1);
  std::string seps;
  for (std::size_t i = 0; i < t.size();) {
    char c = t[i];
    std::size_t space = space_at(t, i);
    if (is_digit(c)) {
      runs.back() += c;
      ++i;
      continue;
    }
    if (c != '.' && c != ',' && !space) {
      why = "“" + std::string(raw) + "” is not a number";
      return std::nullopt;
    }
    if (runs.back().empty()) {
      why = "“" + std::string(raw) + "” has a separator without digits before it";
      return std::nullopt;
    }
    seps += space ? ' ' : c;
    runs.emplace_back();
    i += space ? space : 1;
  }
  if (runs.back().empty()) {
    why = "“" + std::string(raw) + "” ends with a separator";
    return std::nullopt;
  }
  std::size_t dots = 0, commas = 0;
  for (char c : seps) {
    dots += c == '.';
    commas += c == ',';
  }
  Amount a;
  // The exact amount of digits, or nullopt with `why` naming the cell.
  auto exact = [&](const std::string& whole, const std::string& fraction) -> std::optional<Money> {
    std::string problem;
    auto m = money_from_digits(whole.empty() ? "0" : whole, fraction, negative, problem);
    if (!m) why = "“" + std::string(raw) + "” " + problem;
    return m;
  };
  std::string uneven = "“" + std::string(raw) +
                       "” groups its digits unevenly: thousands come in threes (1.500.000 or "
                       "1,500,000)";
  std::size_t last = seps.empty() ? 0 : seps.size() - 1;
  if (dots + commas == 0) {  // 1500, 1 500
    if (!groups_ok(runs, runs.size())) {
      why = uneven;
      return std::nullopt;
    }
    auto v = exact(join(runs, 0, runs.size()), "");
    if (!v) return std::nullopt;
    a.value = *v;
  } else if (dots && commas) {  // 1.500,5 / 1,500.5: the last one is the decimal separator
    char decimal = seps[last];
    if (decimal == ' ' || (decimal == '.' ? dots : commas) != 1) {
      why = "“" + std::string(raw) + "” has more than one decimal separator";
      return std::nullopt;
    }
    if (!groups_ok(runs, runs.size() - 1)) {
      why = uneven;
      return std::nullopt;
    }
    a.style = decimal == ',' ? NumberStyle::vietnamese : NumberStyle::international;
    auto v = exact(join(runs, 0, runs.size() - 1), runs.back());
    if (!v) return std::nullopt;
    a.value = *v;
  } else if (dots + commas > 1) {  // 1.500.000 / 1,500,000: grouping only
    if (!groups_ok(runs, runs.size())) {
      why = uneven;
      return std::nullopt;
    }
    a.style = dots ? NumberStyle::vietnamese : NumberStyle::international;
    auto v = exact(join(runs, 0, runs.size()), "");
    if (!v) return std::nullopt;
    a.value = *v;
  } else {  // one '.' or ',': decimals, or thousands when three digits follow
    char c = dots ? '.' : ',';
    std::size_t at = seps.find(c);
    if (at != last) {
      why = "“" + std::string(raw) + "” has digits grouped after its decimal separator";
      return std::nullopt;
    }
    if (!groups_ok(runs, at + 1)) {
      why = uneven;
      return std::nullopt;
    }
    std::string whole = join(runs, 0, at + 1);
    bool could_group = at == 0 && runs.back().size() == 3 && groups_ok(runs, runs.size());
    auto as_decimal = exact(whole, runs.back());
    if (!as_decimal) return std::nullopt;
    if (could_group) {
      auto as_thousands = exact(whole + runs.back(), "");
      if (!as_thousands) return std::nullopt;
      a.ambiguous = true;
      a.value = c == '.' ? *as_thousands : *as_decimal;
      a.international_value = c == '.' ? *as_decimal : *as_thousands;
    } else {
      a.style = c == ',' ? NumberStyle::vietnamese : NumberStyle::international;
      a.value = *as_decimal;
    }
  }
  return a;
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

const char* column_title(FormColumn col) {
  for (const auto& spec : column_specs()) {
    if (spec.col == col) return spec.title;
  }
  return "";
}

const char* const kKnownColumns =
    "known columns: Stt, Tên nhiệm vụ, Tổ chức chủ trì, Tổ chức phối hợp (or one column "
    "“Tổ chức chủ trì, phối hợp”), Mục tiêu, Nội dung chính, Dự kiến kết quả, Thời gian thực "
    "hiện, Tổng số, NSNN, Đối ứng, Ghi chú; or stt, name, lead, partners, objectives, content, "
    "results, duration, total, state, counterpart, notes";

// "Tên nhiệm vụ (sắp xếp theo thứ tự ưu tiên)" → "ten nhiem vu": folded, without
// parentheses or punctuation.
std::string normalize_header(std::string_view header) {
  std::string bare;
  int depth = 0;
  for (char c : header) {
    if (c == '(') ++depth;
    if (depth == 0) bare += c;
    if (c == ')' && depth > 0) --depth;
  }
  std::string folded = text::fold(bare), out;
  for (char c : folded) {
    bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (word) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The column a header names: an alias exactly, else the longest alias it begins with
// ("du kien ket qua san pham va yeu cau dat duoc" → results).
FormColumn match_column(std::string_view header) {
  std::string normalized = normalize_header(header);
  FormColumn best = FormColumn::none;
  std::size_t best_length = 0;
  for (const auto& spec : column_specs()) {
    for (const auto& alias : spec.aliases) {
      if (normalized == alias) return spec.col;
      bool prefix = normalized.size() > alias.size() &&
                    normalized.compare(0, alias.size(), alias) == 0 &&
                    normalized[alias.size()] == ' ';
      // Only names of two words or more lead a longer header, and never the budget group:
      // "Tổng cục …" is not "Tổng", "Kinh phí khác" is not "Kinh phí".
      bool words = alias.find(' ') != std::string::npos && spec.col != FormColumn::budget;
      if (prefix && words && alias.size() > best_length) {
        best = spec.col;
        best_length = alias.size();
      }
    }
  }
  return best;
}

std::string suggest_column(std::string_view header) {
  std::string normalized = normalize_header(header);
  static const std::vector<std::string> aliases = [] {
    std::vector<std::string> all;
    for (const auto& spec : column_specs()) {
      for (const auto& alias : spec.aliases) all.push_back(alias);
    }
    return all;
  }();
  std::string near = closest_match(normalized, aliases);
  if (near.empty()) return {};
  for (const auto& spec : column_specs()) {
    for (const auto& alias : spec.aliases) {
      if (alias == near && spec.col != FormColumn::budget) return spec.title;
    }
  }
  return {};
}

std::string first_line(std::string_view cell) {
  return std::string(trim(cell.substr(0, cell.find('\n'))));
}

// A cell on one line: its line breaks read as spaces.
std::string one_line(std::string_view cell) {
  std::string out;
  for (std::string_view line : split(cell, '\n')) {
    std::string_view t = trim(line);
    if (t.empty()) continue;
    out += (out.empty() ? "" : " ") + std::string(t);
  }
  return out;
}

// A multi-line cell, each line trimmed, blank lines at either end removed.
std::string clean_text(std::string_view cell) {
  std::string out;
  for (std::string_view line : split(cell, '\n')) {
    std::string_view t = trim(line);
    if (t.empty() && out.empty()) continue;
    out += std::string(t) + "\n";
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// Organisations of a cell: one per line or separated by ';', list marks removed.
std::vector<std::string> split_organisations(std::string_view cell) {
  std::vector<std::string> out;
  std::string normalized(cell);
  std::replace(normalized.begin(), normalized.end(), ';', '\n');
  for (std::string_view item : split(normalized, '\n')) {
    item = trim(item);
    for (std::string_view mark : {"- ", "+ ", "* ", "• ", "– "}) {
      if (item.substr(0, mark.size()) == mark) item = trim(item.substr(mark.size()));
    }
    if (!item.empty()) out.emplace_back(item);
  }
  return out;
}

// The form's single column "Tổ chức chủ trì, phối hợp": "Chủ trì: X" and "Phối hợp: Y; Z",
// or, without labels, the lead first and the partners after it.
void split_lead_partners(std::string_view cell, Task& task) {
  bool partners = false, labelled = false;
  for (std::string& item : split_organisations(cell)) {
    std::size_t colon = item.find(':');
    if (colon != std::string::npos) {
      std::string label = normalize_header(item.substr(0, colon));
      std::string rest(trim(std::string_view(item).substr(colon + 1)));
      bool lead_label = label == "chu tri" || label == "to chuc chu tri" ||
                        label == "don vi chu tri" || label == "co quan chu tri";
      bool partner_label = label == "phoi hop" || label == "to chuc phoi hop" ||
                           label == "don vi phoi hop" || label == "co quan phoi hop";
      if (lead_label || partner_label) {
        labelled = true;
        partners = partner_label;
        if (rest.empty()) continue;
        item = rest;
      }
    }
    if (!partners && task.lead.empty()) {
      task.lead = item;
      if (!labelled) partners = true;
    } else {
      task.partners.push_back(item);
    }
  }
}

std::optional<int> parse_stt(std::string_view cell) {
  std::string_view digits = trim(cell);
  if (!digits.empty() && digits.back() == '.') digits.remove_suffix(1);
  if (digits.empty() || digits.size() > 5 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::stoi(std::string(digits));
}

}  // namespace gazette::content::detail
