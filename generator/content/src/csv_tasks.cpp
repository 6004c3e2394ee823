// A proposal list's tasks from a CSV in the layout of the appendix form: the header (with its
// budget group and column numbers), one task a row, the totals row, and one number style per file.
#include <algorithm>
#include <map>
#include <set>

#include "field_reader.hpp"
#include "form_columns.hpp"
#include "gazette/text.hpp"
#include "proposals.hpp"

namespace gazette::content::detail {

namespace {

using Col = FormColumn;

bool is_column_numbers(const CsvRow& row) {  // "(1)", "(2)"… under the form's header
  bool any = false;
  for (const CsvCell& cell : row.cells) {
    std::string_view t = trim(cell.text);
    if (t.empty()) continue;
    if (t.size() < 3 || t.front() != '(' || t.back() != ')') return false;
    std::string_view inner = t.substr(1, t.size() - 2);
    if (!std::all_of(inner.begin(), inner.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return false;
    }
    any = true;
  }
  return any;
}

std::size_t filled_cells(const CsvRow& row) {
  return static_cast<std::size_t>(std::count_if(
      row.cells.begin(), row.cells.end(), [](const CsvCell& c) { return !trim(c.text).empty(); }));
}

// "Vietnamese style: dot for thousands, comma for decimals", for messages.
const char* style_rule(NumberStyle style) {
  return style == NumberStyle::vietnamese
             ? "Vietnamese style: dot for thousands, comma for decimals"
             : "international style: comma for thousands, dot for decimals";
}

// Reads a parsed CSV into the tasks of a list.
class CsvTasks {
 public:
  CsvTasks(const CsvTable& table, FieldReader& reader, Document& doc)
      : table_(table), r_(reader), doc_(doc) {}

  void read() {
    std::size_t next = 0;
    if (!read_header(next)) return;
    for (; next < table_.rows.size(); ++next) read_row(table_.rows[next]);
    if (doc_.tasks.empty() && !r_.failed()) {
      r_.error(header_loc_, "the CSV has a header but no tasks under it",
               "add one row per task, in priority order");
    }
    resolve_amounts();
    check();
  }

 private:
  struct AmountCell {
    std::size_t task;  ///< index in doc_.tasks, or kTotalsRow
    Col col;
    const CsvCell* cell;
    Amount amount;
  };
  static constexpr std::size_t kTotalsRow = static_cast<std::size_t>(-1);

  std::string label(std::size_t index) const {
    return "`" + titles_[index] + "` (column " + std::to_string(index + 1) + ")";
  }

  // The header: the first row with two cells or more (rows of one cell above it are the
  // form's titles), merged with a second row that names the budget columns under
  // "Dự kiến kinh phí", and followed perhaps by a row of column numbers "(1) (2)…".
  bool read_header(std::size_t& next) {
    while (next < table_.rows.size() && filled_cells(table_.rows[next]) < 2) ++next;
    if (next >= table_.rows.size()) {
      SourceLoc at = table_.rows.empty() ? SourceLoc{1, 1} : table_.rows.front().cells[0].loc;
      r_.error(at, "the CSV has no header row",
               "start with the header row of the form: Stt;Tên nhiệm vụ;Tổ chức chủ trì;… (" +
                   std::string(kKnownColumns) + ")");
      return false;
    }
    const CsvRow& header = table_.rows[next++];
    header_loc_ = header.cells[0].loc;
    std::vector<std::string> names;
    std::vector<SourceLoc> locs;
    for (const CsvCell& c : header.cells) {
      names.push_back(first_line(c.text));
      locs.push_back(c.loc);
    }
    if (next < table_.rows.size()) {
      const CsvRow& sub = table_.rows[next];
      bool all_known = filled_cells(sub) > 0;
      for (const CsvCell& c : sub.cells) {
        if (!trim(c.text).empty() && match_column(c.text) == Col::none) {
          all_known = false;
        }
      }
      if (all_known) {
        for (std::size_t i = 0; i < sub.cells.size(); ++i) {
          if (trim(sub.cells[i].text).empty()) continue;
          if (i >= names.size()) {
            names.resize(i + 1);
            locs.resize(i + 1, sub.cells[i].loc);
          }
          names[i] = first_line(sub.cells[i].text);
          locs[i] = sub.cells[i].loc;
        }
        ++next;
      }
    }
    if (next < table_.rows.size() && is_column_numbers(table_.rows[next])) ++next;
    return map_columns(names, locs);
  }

  bool map_columns(const std::vector<std::string>& names, const std::vector<SourceLoc>& locs) {
    titles_ = names;
    std::map<Col, std::size_t> seen;
    bool ok = true;
    for (std::size_t i = 0; i < names.size(); ++i) {
      Col col = Col::none;
      if (!names[i].empty()) {
        col = match_column(names[i]);
        if (col == Col::budget) {
          r_.error(locs[i],
                   "“" + names[i] + "” groups the budget columns, but no row under it names them",
                   "put Tổng số, NSNN and Đối ứng in the row under it, or name the three "
                   "columns in the header row itself");
          ok = false;
        } else if (col == Col::none) {
          std::string near = suggest_column(names[i]);
          r_.error(
              locs[i], "unknown column " + label(i),
              (near.empty() ? "" : "did you mean `" + near + "`? ") + std::string(kKnownColumns));
          ok = false;
        } else if (auto [it, fresh] = seen.emplace(col, i); !fresh) {
          r_.error(locs[i],
                   label(i) + " is the same column as " + label(it->second) + " (" +
                       column_title(col) + ")",
                   "keep one of the two columns");
          ok = false;
        }
      }
      columns_.push_back(col);
    }
    width_ = names.size();
    while (width_ > 0 && names[width_ - 1].empty()) --width_;
    auto has = [&](Col c) { return seen.count(c) > 0; };
    if (has(Col::lead_partners) && (has(Col::lead) || has(Col::partners))) {
      r_.error(locs[seen[Col::lead_partners]],
               label(seen[Col::lead_partners]) + " repeats the lead or partner column",
               "keep either one column “Tổ chức chủ trì, phối hợp” or the two columns “Tổ chức "
               "chủ trì” and “Tổ chức phối hợp”");
      ok = false;
    }
    std::vector<Col> required = {Col::stt, Col::name, Col::total, Col::state, Col::counterpart};
    if (!has(Col::lead_partners)) required.insert(required.begin() + 2, Col::lead);
    for (Col c : required) {
      if (has(c)) continue;
      r_.error(header_loc_, std::string("the header has no column `") + column_title(c) + "`",
               "the form's columns are needed: " + std::string(kKnownColumns));
      ok = false;
    }
    return ok;
  }

  // A row whose first written cell says "Tổng cộng" / "Cộng" / "Total": the form's sums.
  bool is_totals_row(const CsvRow& row) const {
    for (std::size_t i = 0; i < row.cells.size() && i < columns_.size(); ++i) {
      std::string t = normalize_header(row.cells[i].text);
      if (t.empty()) continue;
      return t == "tong cong" || t == "cong" || t == "tong" || t == "tong so" || t == "total";
    }
    return false;
  }

  // A row of the table: a task, the form's totals, or a row left out with its problem.
  void read_row(const CsvRow& row) {
    if (filled_cells(row) == 0) return;  // an empty row of the spreadsheet
    if (!fits(row)) {
      dropped_ = true;
      return;
    }
    if (is_totals_row(row)) {
      read_totals(row);
      return;
    }
    read_task(row);
  }

  // Whether the row's cells stand under the header's columns, one cell a column.
  bool fits(const CsvRow& row) {
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      bool beyond = i >= width_ || columns_[i] == Col::none;
      if (!beyond || trim(row.cells[i].text).empty()) continue;
      r_.error(row.cells[i].loc,
               i >= width_ ? "line " + std::to_string(row.line) + " has a cell in column " +
                                 std::to_string(i + 1) + " but the header has " +
                                 std::to_string(width_) + " columns"
                           : "column " + std::to_string(i + 1) +
                                 " has no header, but this row writes in it",
               "a cell that holds the delimiter (" + std::string(1, table_.delimiter) +
                   ") must be in double quotes, and so must an amount such as 1.500,5 in a "
                   "comma-separated file");
      return false;
    }
    if (row.cells.size() < width_) {
      r_.error(row.cells.back().loc,
               "line " + std::to_string(row.line) + " has " + std::to_string(row.cells.size()) +
                   " cells but the header has " + std::to_string(width_) + " columns",
               "an empty cell still needs its delimiter (" + std::string(1, table_.delimiter) +
                   "); check for a missing delimiter or an unclosed quote");
      return false;
    }
    return true;
  }

  void read_totals(const CsvRow& row) {
    for (std::size_t i = 0; i < width_; ++i) {
      Col c = columns_[i];
      if (c == Col::total || c == Col::state || c == Col::counterpart) {
        if (!trim(row.cells[i].text).empty()) read_amount(row.cells[i], i, c, kTotalsRow);
      }
    }
  }

  // Where a task's problems are reported: its priority cell and its total cell.
  struct TaskPlaces {
    SourceLoc stt, total;
    bool has_total = false;
  };

  void read_task(const CsvRow& row) {
    Task task;
    task.loc = {row.line, 1};
    TaskPlaces at{row.cells[0].loc, task.loc, false};
    for (std::size_t i = 0; i < width_; ++i) read_cell(row, i, task, at);
    std::string which = "the task on line " + std::to_string(row.line);
    // A name of zero-width characters only is no name either.
    if (!text::has_visible(task.name)) {
      r_.error(at.stt, which + " has no name (Tên nhiệm vụ)", "every task needs its name");
    }
    if (!text::has_visible(task.lead)) {
      r_.error(at.stt, which + " has no lead organisation (Tổ chức chủ trì)",
               "name the organisation that leads the task");
    }
    if (!at.has_total) {
      r_.error(at.stt, which + " has no total budget (Tổng số)",
               "write total, NSNN and Đối ứng in million VND (an empty NSNN or Đối ứng is 0)");
    }
    stt_locs_.push_back(at.stt);
    total_locs_.push_back(at.total);
    doc_.tasks.push_back(std::move(task));
  }

  void read_cell(const CsvRow& row, std::size_t i, Task& task, TaskPlaces& at) {
    const CsvCell& cell = row.cells[i];
    std::string_view value = trim(cell.text);
    switch (columns_[i]) {
      case Col::stt:
        at.stt = cell.loc;
        read_stt(row, i, value, task);
        break;
      case Col::total:
        at.has_total = !value.empty();
        at.total = cell.loc;
        [[fallthrough]];
      case Col::state:
      case Col::counterpart:
        if (!value.empty()) read_amount(cell, i, columns_[i], doc_.tasks.size());
        break;
      default:
        read_text(columns_[i], value, task);
        break;
    }
  }

  void read_stt(const CsvRow& row, std::size_t i, std::string_view value, Task& task) {
    const CsvCell& cell = row.cells[i];
    if (value.empty()) {
      r_.error(cell.loc, "the task on line " + std::to_string(row.line) + " has no " + label(i),
               "write its priority: 1 for the first task, 2 for the next…");
    } else if (auto stt = parse_stt(value)) {
      task.stt = *stt;
    } else {
      r_.error(cell.loc, label(i) +
                             " must be the task's priority, a whole number such as 1, "
                             "not “" +
                             std::string(value) + "”");
    }
  }

  // The text columns of a task.
  static void read_text(Col col, std::string_view value, Task& task) {
    switch (col) {
      case Col::name:
        task.name = clean_text(value);
        break;
      case Col::lead:
        task.lead = one_line(value);
        break;
      case Col::partners:
        task.partners = split_organisations(value);
        break;
      case Col::lead_partners:
        split_lead_partners(value, task);
        break;
      case Col::objectives:
        task.objectives = clean_text(value);
        break;
      case Col::content:
        task.content = clean_text(value);
        break;
      case Col::results:
        task.results = clean_text(value);
        break;
      case Col::duration:
        task.duration = clean_text(value);
        break;
      case Col::notes:
        task.notes = clean_text(value);
        break;
      default:  // stt and amounts are read above; none and budget hold nothing
        break;
    }
  }

  void read_amount(const CsvCell& cell, std::size_t column, Col col, std::size_t task) {
    std::string why;
    auto amount = parse_amount(cell.text, why);
    if (!amount) {
      r_.error(cell.loc, label(column) + " is not an amount: " + why,
               "write million VND as 1.500,5 (Vietnamese style) or 1500.5, without the unit");
      unreadable_.insert(task);
      return;
    }
    amounts_.push_back({task, col, &cell, *amount});
    column_of_[&cell] = column;
  }

  // One style per file: the first cell that shows one sets it (nullptr: none does); the
  // first cell of another style is an error.
  const AmountCell* file_style() {
    const AmountCell* first = nullptr;
    for (const AmountCell& a : amounts_) {
      if (a.amount.style == NumberStyle::neither) continue;
      if (!first) {
        first = &a;
        continue;
      }
      if (a.amount.style == first->amount.style) continue;
      std::string cell_text(trim(a.cell->text));
      r_.error(a.cell->loc,
               "this file writes amounts as " +
                   write_amount(Money::from_thousandths(1500500), first->amount.style) + " (" +
                   style_rule(first->amount.style) + "), first on line " +
                   std::to_string(first->cell->loc.line) + ", column " +
                   std::to_string(column_of_.at(first->cell) + 1) + ": “" +
                   std::string(trim(first->cell->text)) + "”; here " +
                   label(column_of_.at(a.cell)) + " writes “" + cell_text + "” (" +
                   style_rule(a.amount.style) + ")",
               "write every amount of the file in one style: here " +
                   write_amount(a.amount.value, first->amount.style));
      break;
    }
    return first;
  }

  // Ambiguous cells follow the file's style; each amount goes to its task or the totals row.
  void resolve_amounts() {
    const AmountCell* first = file_style();
    style_ = first ? first->amount.style : NumberStyle::vietnamese;
    bool warned = false;
    for (AmountCell& a : amounts_) {
      if (a.amount.ambiguous && style_ == NumberStyle::international) {
        a.amount.value = a.amount.international_value;
      }
      if (a.amount.ambiguous && !first && !warned) {
        warned = true;
        warn_ambiguous(a);
      }
      if (a.task == kTotalsRow) {
        totals_row_.push_back(a);
        continue;
      }
      Task& t = doc_.tasks[a.task];
      (a.col == Col::total   ? t.total
       : a.col == Col::state ? t.state
                             : t.counterpart) = a.amount.value;
    }
  }

  void warn_ambiguous(const AmountCell& a) {
    std::string cell_text(trim(a.cell->text));
    r_.warning(a.cell->loc,
               "“" + cell_text +
                   "” can be read two ways; nothing else in the file shows its "
                   "number style, so it is read in Vietnamese style as " +
                   write_amount(a.amount.value, NumberStyle::vietnamese) + ", not " +
                   write_amount(a.amount.international_value, NumberStyle::vietnamese),
               "in Vietnamese style a dot groups thousands (1.500 = 1500) and a comma "
               "marks decimals (1,5 = one and a half); write 1500 or 1,5 to leave no doubt");
  }

  void check() {
    auto write = [this](Money v) { return write_amount(v, style_); };
    for (const AmountCell& a : amounts_) {
      if (a.amount.value.negative()) {
        r_.error(a.cell->loc,
                 label(column_of_.at(a.cell)) + " is negative (" + write(a.amount.value) + ")",
                 "amounts are in million VND and cannot be below zero");
      }
    }
    for (std::size_t i = 0; i < doc_.tasks.size(); ++i) {
      if (!unreadable_.count(i)) check_sum(r_, total_locs_[i], doc_.tasks[i], style_);
    }
    if (dropped_) return;  // a row is missing: priorities and sums would mislead
    check_priorities(r_, doc_.tasks, stt_locs_);
    if (!unreadable_.empty()) return;
    for (const AmountCell& a : totals_row_) {
      Money sum;
      for (const Task& t : doc_.tasks) {
        sum += a.col == Col::total ? t.total : a.col == Col::state ? t.state : t.counterpart;
      }
      if (sum == a.amount.value) continue;
      r_.error(a.cell->loc,
               "the totals row says " + write(a.amount.value) + " in " +
                   label(column_of_.at(a.cell)) + " but the tasks add up to " + write(sum),
               "correct the totals row, or the amounts of the tasks");
    }
  }

  const CsvTable& table_;
  FieldReader& r_;
  Document& doc_;
  std::vector<Col> columns_;
  std::vector<std::string> titles_;
  std::size_t width_ = 0;
  SourceLoc header_loc_{1, 1};
  std::vector<AmountCell> amounts_;
  std::vector<AmountCell> totals_row_;
  std::map<const CsvCell*, std::size_t> column_of_;
  std::vector<SourceLoc> stt_locs_, total_locs_;
  std::set<std::size_t> unreadable_;  ///< tasks with an amount that is not a number
  bool dropped_ = false;              ///< a row was left out (wrong number of cells)
  NumberStyle style_ = NumberStyle::vietnamese;
};

}  // namespace

void read_table_tasks(const CsvTable& table, FieldReader& reader, Document& doc) {
  CsvTasks(table, reader, doc).read();
}

}  // namespace gazette::content::detail
