// Proposal lists: the rows of the appendix form, from [[tasks]] in TOML or from a CSV beside the
// list's .toml (read here as a file: encoding, ƣ, then csv_tasks.cpp), and the checks both
// share (totals, priorities).
#include "proposals.hpp"

#include <map>

#include "field_reader.hpp"
#include "gazette/text.hpp"

namespace gazette::content::detail {

namespace {

namespace fs = std::filesystem;

// The cells every [[tasks]] row needs, amounts that are not negative, and total = the sum.
void check_task(const toml::table& t, const Task& task, bool amounts_read, FieldReader& reader) {
  std::string which = "task " + std::to_string(task.stt);
  if (!t.get("stt")) {
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
      reader.error(t.get(key) ? reader.loc(*t.get(key)) : task.loc,
                   std::string("`") + key + "` is negative (" +
                       write_amount(value, NumberStyle::neither) + ")",
                   "amounts are in million VND and cannot be below zero");
    }
  }
  if (!t.get("total")) {
    reader.error(task.loc, which + " has no `total`",
                 "give total, state and counterpart in million VND");
  } else if (amounts_read) {
    check_sum(reader, reader.loc(*t.get("total")), task, NumberStyle::neither);
  }
}

// One [[tasks]] table; `stt_at` is where its priority is written.
Task read_task(const toml::table& t, const toml::node& row, FieldReader& reader,
               SourceLoc& stt_at) {
  static const std::vector<std::string> kKeys = {"stt",        "name",    "lead",        "partners",
                                                 "objectives", "content", "results",     "duration",
                                                 "total",      "state",   "counterpart", "notes"};
  reader.check_keys(t, kKeys, "a task");
  Task task;
  task.loc = reader.loc(row);
  task.stt = reader.integer(t, "stt").value_or(0);
  stt_at = t.get("stt") ? reader.loc(*t.get("stt")) : task.loc;
  task.name = reader.text(t, "name").value_or("");
  task.lead = reader.text(t, "lead").value_or("");
  task.partners = reader.text_list(t, "partners");
  task.objectives = reader.text(t, "objectives").value_or("");
  task.content = reader.text(t, "content").value_or("");
  task.results = reader.text(t, "results").value_or("");
  task.duration = reader.text(t, "duration").value_or("");
  task.notes = reader.text(t, "notes").value_or("");
  auto total = reader.amount(t, "total");
  auto state = reader.amount(t, "state");
  auto counterpart = reader.amount(t, "counterpart");
  task.total = total.value_or(Money{});
  task.state = state.value_or(Money{});
  task.counterpart = counterpart.value_or(Money{});
  // The sum is checked only when every amount written could be read.
  bool readable = total && state.has_value() == (t.get("state") != nullptr) &&
                  counterpart.has_value() == (t.get("counterpart") != nullptr);
  check_task(t, task, readable, reader);
  return task;
}

constexpr const char* kSaveAsUtf8 =
    "save it as UTF-8: in Excel choose “CSV UTF-8 (Comma delimited)”; in LibreOffice Calc tick "
    "“Edit filter settings” and choose “Unicode (UTF-8)”";

}  // namespace

void check_sum(FieldReader& r, SourceLoc at, const Task& t, NumberStyle style) {
  if (t.total == t.state + t.counterpart) return;  // exact: amounts are Money
  auto write = [style](Money v) { return write_amount(v, style); };
  r.error(at,
          "total " + write(t.total) + " is not state " + write(t.state) + " + counterpart " +
              write(t.counterpart) + " = " + write(t.state + t.counterpart),
          "correct one of the three amounts (million VND)");
}

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

void read_tasks(const toml::table& table, FieldReader& reader, Document& doc) {
  const toml::node* node = table.get("tasks");
  if (!node) return;
  const toml::array* rows = node->as_array();
  if (!rows) {
    reader.error(*node, "`tasks` must be a list of [[tasks]] tables");
    return;
  }
  std::vector<SourceLoc> stt_locs;
  for (const auto& row : *rows) {
    const toml::table* t = row.as_table();
    if (!t) {
      reader.error(row, "each task must be a [[tasks]] table");
      continue;
    }
    stt_locs.emplace_back();
    doc.tasks.push_back(read_task(*t, row, reader, stt_locs.back()));
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
  read_table_tasks(*table, reader, doc);
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
