// Proposal lists: [[tasks]] rows of the appendix form, and their checks.
#include <cmath>
#include <set>

#include "field_reader.hpp"

namespace gazette::content::detail {

namespace {

std::string format_amount(double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f", value);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

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
    task.total = total.value_or(0);
    task.state = state.value_or(0);
    task.counterpart = counterpart.value_or(0);
    if (task.name.empty()) {
      reader.error(task.loc, "task " + std::to_string(task.stt) + " has no `name`",
                   "every task needs its name (Tên nhiệm vụ)");
    }
    if (task.lead.empty()) {
      reader.error(task.loc, "task " + std::to_string(task.stt) + " has no `lead` organisation",
                   "name the lead organisation (Tổ chức chủ trì)");
    }
    for (auto [key, value] : {std::pair{"total", task.total}, std::pair{"state", task.state},
                              std::pair{"counterpart", task.counterpart}}) {
      if (value < 0) {
        reader.error(t->get(key) ? reader.loc(*t->get(key)) : task.loc,
                     std::string("`") + key + "` is negative (" + format_amount(value) + ")",
                     "amounts are in million VND and cannot be below zero");
      }
    }
    if (!total) {
      reader.error(task.loc, "task " + std::to_string(task.stt) + " has no `total`",
                   "give total, state and counterpart in million VND");
    } else if (std::fabs(task.total - (task.state + task.counterpart)) > 0.0005) {
      reader.error(reader.loc(*t->get("total")),
                   "total " + format_amount(task.total) + " is not state " +
                       format_amount(task.state) + " + counterpart " +
                       format_amount(task.counterpart) + " = " +
                       format_amount(task.state + task.counterpart),
                   "correct one of the three amounts (million VND)");
    }
    doc.tasks.push_back(std::move(task));
  }
  // Priorities: unique and contiguous from 1, in the order written.
  for (std::size_t i = 0; i < doc.tasks.size(); ++i) {
    int expected = static_cast<int>(i) + 1;
    if (doc.tasks[i].stt != expected) {
      reader.error(doc.tasks[i].loc,
                   "task priorities must run 1, 2, 3… in order: found stt = " +
                       std::to_string(doc.tasks[i].stt) + " where " + std::to_string(expected) +
                       " was expected",
                   "list the tasks in priority order and number them from 1 without gaps");
      break;
    }
  }
}

}  // namespace gazette::content::detail
