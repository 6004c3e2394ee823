// Proposal lists: the rows of the appendix form, from [[tasks]] in TOML or from a CSV
// beside the list's .toml, and their checks (required cells, amounts, totals, priorities).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "csv.hpp"
#include "field_reader.hpp"
#include "gazette/text.hpp"

namespace gazette::content::detail {

namespace {

namespace fs = std::filesystem;

std::string format_amount(Money value) { return write_amount(value, NumberStyle::neither); }

// total = state + counterpart, reported at `at` with amounts written as `write` does.
template <typename Write>
void check_sum(FieldReader& r, SourceLoc at, const Task& t, Write write) {
  if (t.total == t.state + t.counterpart) return;  // exact: amounts are Money
  r.error(at,
          "total " + write(t.total) + " is not state " + write(t.state) + " + counterpart " +
              write(t.counterpart) + " = " + write(t.state + t.counterpart),
          "correct one of the three amounts (million VND)");
}

// Priorities are unique and run 1, 2, 3… in the order of the list. `at[i]` is where task
// i's priority is written; tasks without one (stt 0) were reported already.
void check_priorities(FieldReader& r, const std::vector<Task>& tasks,
                      const std::vector<SourceLoc>& at) {
  std::map<int, std::size_t> first;
  bool duplicate = false, missing = false;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    if (tasks[i].stt <= 0) {
      missing = true;
      continue;
    }
    auto [it, fresh] = first.emplace(tasks[i].stt, i);
    if (!fresh) {
      duplicate = true;
      r.error(at[i],
              "priority " + std::to_string(tasks[i].stt) + " is given twice: also to “" +
                  tasks[it->second].name + "” on line " +
                  std::to_string(tasks[it->second].loc.line),
              "every task has a priority of its own: number the tasks 1, 2, 3… in the order "
              "of the list");
    }
  }
  if (duplicate || missing) return;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    int expected = static_cast<int>(i) + 1;
    if (tasks[i].stt != expected) {
      r.error(at[i],
              "task priorities must run 1, 2, 3… in order: found stt = " +
                  std::to_string(tasks[i].stt) + " where " + std::to_string(expected) +
                  " was expected",
              "list the tasks in priority order and number them from 1 without gaps");
      return;
    }
  }
}

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

  void read_row(const CsvRow& row) {
    if (filled_cells(row) == 0) return;  // an empty row of the spreadsheet
    bool totals = is_totals_row(row);
    bool fits = true;
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
      fits = false;
      break;
    }
    if (fits && row.cells.size() < width_) {
      r_.error(row.cells.back().loc,
               "line " + std::to_string(row.line) + " has " + std::to_string(row.cells.size()) +
                   " cells but the header has " + std::to_string(width_) + " columns",
               "an empty cell still needs its delimiter (" + std::string(1, table_.delimiter) +
                   "); check for a missing delimiter or an unclosed quote");
      fits = false;
    }
    if (!fits) {
      dropped_ = true;
      return;
    }
    if (totals) {
      for (std::size_t i = 0; i < width_; ++i) {
        Col c = columns_[i];
        if (c == Col::total || c == Col::state || c == Col::counterpart) {
          if (!trim(row.cells[i].text).empty()) read_amount(row.cells[i], i, c, kTotalsRow);
        }
      }
      return;
    }
    Task task;
    task.loc = {row.line, 1};
    SourceLoc stt_loc = row.cells[0].loc;
    SourceLoc total_loc = task.loc;
    std::size_t index = doc_.tasks.size();
    bool has_total = false;
    for (std::size_t i = 0; i < width_; ++i) {
      const CsvCell& cell = row.cells[i];
      std::string_view value = trim(cell.text);
      switch (columns_[i]) {
        case Col::stt:
          stt_loc = cell.loc;
          if (value.empty()) {
            r_.error(cell.loc,
                     "the task on line " + std::to_string(row.line) + " has no " + label(i),
                     "write its priority: 1 for the first task, 2 for the next…");
          } else if (auto stt = parse_stt(value)) {
            task.stt = *stt;
          } else {
            r_.error(cell.loc, label(i) +
                                   " must be the task's priority, a whole number such as 1, "
                                   "not “" +
                                   std::string(value) + "”");
          }
          break;
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
        case Col::total:
          has_total = !value.empty();
          total_loc = cell.loc;
          [[fallthrough]];
        case Col::state:
        case Col::counterpart:
          if (!value.empty()) read_amount(cell, i, columns_[i], index);
          break;
        case Col::none:
        case Col::budget:
          break;
      }
    }
    std::string which = "the task on line " + std::to_string(row.line);
    // A name of zero-width characters only is no name either.
    if (!text::has_visible(task.name)) {
      r_.error(stt_loc, which + " has no name (Tên nhiệm vụ)", "every task needs its name");
    }
    if (!text::has_visible(task.lead)) {
      r_.error(stt_loc, which + " has no lead organisation (Tổ chức chủ trì)",
               "name the organisation that leads the task");
    }
    if (!has_total) {
      r_.error(stt_loc, which + " has no total budget (Tổng số)",
               "write total, NSNN and Đối ứng in million VND (an empty NSNN or Đối ứng is 0)");
    }
    stt_locs_.push_back(stt_loc);
    total_locs_.push_back(total_loc);
    doc_.tasks.push_back(std::move(task));
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

  // One style per file: the first cell that shows one sets it; ambiguous cells follow it.
  void resolve_amounts() {
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
    style_ = first ? first->amount.style : NumberStyle::vietnamese;
    bool warned = false;
    for (AmountCell& a : amounts_) {
      if (a.amount.ambiguous && style_ == NumberStyle::international) {
        a.amount.value = a.amount.international_value;
      }
      if (a.amount.ambiguous && !first && !warned) {
        warned = true;
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
      if (!unreadable_.count(i)) check_sum(r_, total_locs_[i], doc_.tasks[i], write);
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

constexpr const char* kSaveAsUtf8 =
    "save it as UTF-8: in Excel choose “CSV UTF-8 (Comma delimited)”; in LibreOffice Calc tick "
    "“Edit filter settings” and choose “Unicode (UTF-8)”";

}  // namespace

void read_tasks(const toml::table& table, FieldReader& reader, Document& doc) {
  const toml::node* node = table.get("tasks");
  if (!node) return;
  const toml::array* rows = node->as_array();
  if (!rows) {
    reader.error(*node, "`tasks` must be a list of [[tasks]] tables");
    return;
  }
  static const std::vector<std::string> kKeys = {"stt",        "name",    "lead",        "partners",
                                                 "objectives", "content", "results",     "duration",
                                                 "total",      "state",   "counterpart", "notes"};
  std::vector<SourceLoc> stt_locs;
  for (const auto& row : *rows) {
    const toml::table* t = row.as_table();
    if (!t) {
      reader.error(row, "each task must be a [[tasks]] table");
      continue;
    }
    reader.check_keys(*t, kKeys, "a task");
    Task task;
    task.loc = reader.loc(row);
    task.stt = reader.integer(*t, "stt").value_or(0);
    stt_locs.push_back(t->get("stt") ? reader.loc(*t->get("stt")) : task.loc);
    task.name = reader.text(*t, "name").value_or("");
    task.lead = reader.text(*t, "lead").value_or("");
    task.partners = reader.text_list(*t, "partners");
    task.objectives = reader.text(*t, "objectives").value_or("");
    task.content = reader.text(*t, "content").value_or("");
    task.results = reader.text(*t, "results").value_or("");
    task.duration = reader.text(*t, "duration").value_or("");
    task.notes = reader.text(*t, "notes").value_or("");
    auto total = reader.amount(*t, "total");
    auto state = reader.amount(*t, "state");
    auto counterpart = reader.amount(*t, "counterpart");
    task.total = total.value_or(Money{});
    task.state = state.value_or(Money{});
    task.counterpart = counterpart.value_or(Money{});
    std::string which = "task " + std::to_string(task.stt);
    if (!t->get("stt")) {
      reader.error(task.loc, "a task has no `stt` (its priority)",
                   "add stt = 1 for the first task, 2 for the next…");
    }
    if (task.name.empty()) {
      reader.error(task.loc, which + " has no `name`", "every task needs its name (Tên nhiệm vụ)");
    }
    if (task.lead.empty()) {
      reader.error(task.loc, which + " has no `lead` organisation",
                   "name the lead organisation (Tổ chức chủ trì)");
    }
    for (auto [key, value] : {std::pair{"total", task.total}, std::pair{"state", task.state},
                              std::pair{"counterpart", task.counterpart}}) {
      if (value.negative()) {
        reader.error(t->get(key) ? reader.loc(*t->get(key)) : task.loc,
                     std::string("`") + key + "` is negative (" + format_amount(value) + ")",
                     "amounts are in million VND and cannot be below zero");
      }
    }
    if (!t->get("total")) {
      reader.error(task.loc, which + " has no `total`",
                   "give total, state and counterpart in million VND");
    } else if (total && state.has_value() == (t->get("state") != nullptr) &&
               counterpart.has_value() == (t->get("counterpart") != nullptr)) {
      check_sum(reader, reader.loc(*t->get("total")), task, format_amount);
    }
    doc.tasks.push_back(std::move(task));
  }
  check_priorities(reader, doc.tasks, stt_locs);
}

bool read_csv_tasks(std::string_view bytes, const std::string& csv_path, Document& doc,
                    const config::SiteConfig& config, Diagnostics& diags) {
  auto fail = [&](SourceLoc at, std::string message, std::string hint, std::string_view text) {
    diags.add({Severity::error, csv_path, at, std::move(message), std::move(hint),
               std::string(line_at(text, at.line))});
    return false;
  };
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    return fail({1, 1}, "the CSV is in UTF-16 (“Unicode Text”), not UTF-8", kSaveAsUtf8, {});
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);  // spreadsheets write one
  if (auto bad = find_invalid_utf8(bytes)) {
    SourceLoc at = locate(bytes, *bad);
    return fail(at,
                "the CSV is not UTF-8 (a byte that is not text; a spreadsheet's legacy "
                "encoding such as Windows-1258)",
                kSaveAsUtf8, {});
  }
  std::string text = text::nfc(bytes);
  doc.tasks_path = csv_path;
  int last_line = 0;
  std::vector<std::size_t> oi =
      oi_is_defect(config) ? text::find_oi(text) : std::vector<std::size_t>{};
  LineIndex lines(text);
  for (std::size_t offset : oi) {
    SourceLoc at = lines.locate(offset);
    if (at.line == last_line) continue;
    last_line = at.line;
    diags.add({Severity::warning, csv_path, at,
               "`ƣ` (U+01A3, a PDF-extraction defect) where `ư` is meant",
               "run gazette check --fix to replace every ƣ/Ƣ with ư/Ư",
               std::string(lines.line(at.line))});
  }
  // The tasks are read with ƣ repaired, as documents are (parse_document); problems quote the
  // file as it is.
  std::string repaired = oi.empty() ? std::string() : text::repair_oi(text);
  auto table = parse_csv(oi.empty() ? text : repaired, csv_path);
  if (!table) {
    diags.add(table.error());
    return false;
  }
  if (table->rows.empty()) {
    return fail({1, 1}, "the CSV file is empty",
                "write the header row of the form (Stt;Tên nhiệm vụ;Tổ chức chủ trì;…) and one "
                "row per task; the site's blank form is at /proposal-list/form.csv",
                text);
  }
  FieldReader reader(csv_path, text, 0, config, diags);
  CsvTasks(*table, reader, doc).read();
  return !reader.failed();
}

bool read_task_csv(Document& doc, const config::SiteConfig& config, Diagnostics& diags) {
  if (doc.source.extension() != ".toml") return true;
  fs::path csv = fs::path(doc.source).replace_extension(".csv");
  std::error_code ec;
  auto at_key = [&](const std::string& key, std::string message, std::string hint) {
    SourceLoc loc = doc.loc_of(key);
    diags.add({Severity::error, doc.path, loc, std::move(message), std::move(hint),
               std::string(line_at(doc.source_text, loc.line))});
    return false;
  };
  if (!fs::is_regular_file(csv, ec)) {
    if (doc.kind == Kind::proposal_list && doc.tasks.empty()) {
      diags.add(
          {Severity::warning,
           doc.path,
           {1, 1},
           "the proposal list has no tasks",
           "add [[tasks]] rows, or put them in " + csv.filename().string() + " beside this file",
           {}});
    }
    return true;
  }
  std::string csv_path = display_path(csv, config.root);
  if (doc.kind != Kind::proposal_list) {
    return at_key("kind",
                  "the tasks of " + csv_path + " are beside a document of kind `" +
                      std::string(kind_name(doc.kind)) + "`",
                  "a CSV of tasks goes with kind = \"proposal-list\"; set it, or rename the CSV");
  }
  if (!doc.tasks.empty()) {
    return at_key("tasks", "the tasks are both here as [[tasks]] and in " + csv_path,
                  "keep one of the two: delete the [[tasks]] rows or the CSV");
  }
  // A CSV that leads out of the site is reported where content files are found (load.cpp).
  if (check_readable(resolved_path(config.root), csv)) return false;
  auto bytes = read_file(csv);
  if (!bytes) {
    Diagnostic d = bytes.error();
    d.file = csv_path;
    diags.add(d);
    return false;
  }
  return read_csv_tasks(*bytes, csv_path, doc, config, diags);
}

}  // namespace gazette::content::detail
