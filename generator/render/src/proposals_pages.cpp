#include "proposals_pages.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "gazette/text.hpp"

namespace gazette::render {

namespace {

using content::Kind;
using content::Task;

// The form's columns, as the blank form and the exports write them (and gazette reads).
const std::vector<std::string> kFormHeader = {
    "Stt",      "Tên nhiệm vụ",   "Tổ chức chủ trì", "Tổ chức phối hợp",
    "Mục tiêu", "Nội dung chính", "Dự kiến kết quả", "Thời gian thực hiện",
    "Tổng số",  "NSNN",           "Đối ứng",         "Ghi chú"};

struct Sums {
  std::size_t tasks = 0;
  Money total, state, counterpart;  // exact: a sum of many lists never rounds
  void add(const Task& t) {
    ++tasks;
    total += t.total;
    state += t.state;
    counterpart += t.counterpart;
  }
};

// An amount for machines: "1500.5", exact.
std::string plain_amount(Money value) { return format_money(value); }

// An amount as a JSON number (JSON has no decimals: a reader takes it as a double anyway).
double json_amount(Money value) { return value.to_double(); }

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string task_anchor(const Task& t) { return "task-" + std::to_string(t.stt); }

bool in_summary(const Document& d) {
  return d.kind == Kind::proposal_list && !d.tasks.empty() && d.withdrawn.empty();
}

// A row of the form's table. On a list's page the row is the target of its task's links;
// on a round's summary it names its submitter and links to the row on the list's page.
Value task_row(const Task& t, const Document& list, bool on_summary, const Strings& s) {
  Value row = Value::object();
  set_opt(row, "anchor", on_summary ? "" : task_anchor(t));
  row.set("stt", t.stt);
  row.set("task_name", t.name);
  set_opt(row, "task_url", on_summary ? task_url(list, t) : "");
  row.set("lead", t.lead);
  set_opt(row, "partners_text", join(t.partners, "; "));
  row.set("objectives", t.objectives);
  row.set("task_content", t.content);
  row.set("results", t.results);
  row.set("duration", t.duration);
  row.set("notes", t.notes);
  row.set("total", format_amount(t.total, s));
  row.set("state", format_amount(t.state, s));
  row.set("counterpart", format_amount(t.counterpart, s));
  row.set("total_value", plain_amount(t.total));
  row.set("state_value", plain_amount(t.state));
  row.set("counterpart_value", plain_amount(t.counterpart));
  row.set("submitter_name", submitter_of(list));
  row.set("list_url", list.url);
  return row;
}

Value sums_view(const Sums& sums, std::size_t label_span, const Strings& s) {
  Value v = Value::object();
  v.set("span", label_span);
  v.set("count", sums.tasks);
  v.set("total", format_amount(sums.total, s));
  v.set("state", format_amount(sums.state, s));
  v.set("counterpart", format_amount(sums.counterpart, s));
  return v;
}

// Lead organisations with their number of tasks and budget, most tasks first.
Value leads_view(const std::vector<Task>& tasks, const Strings& s) {
  std::map<std::string, Sums> by_lead;
  for (const Task& t : tasks) by_lead[t.lead].add(t);
  std::vector<std::string> names;
  names.reserve(by_lead.size());
  for (const auto& [name, sums] : by_lead) names.push_back(name);
  text::sort_names(names, s.language());
  std::stable_sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
    return by_lead[a].tasks > by_lead[b].tasks;
  });
  Value list = Value::list();
  for (const auto& name : names) {
    Value item = Value::object();
    item.set("lead_name", name);
    item.set("lead_count", by_lead[name].tasks);
    item.set("lead_total", format_amount(by_lead[name].total, s));
    list.push(std::move(item));
  }
  return list;
}

// What the list's page shows under the document's text: its table and downloads.
Value list_view(const Document& list, const ViewContext& ctx) {
  const Strings& s = ctx.strings;
  Value v = Value::object();
  Value rows = Value::list();
  Sums sums;
  for (const Task& t : list.tasks) {
    rows.push(task_row(t, list, false, s));
    sums.add(t);
  }
  v.set("table_id", "proposals-tasks");
  v.set("caption", s.format("proposals_caption", {{"title", list.title}}));
  v.set("unit", list.unit);
  v.set("show_submitter", false);
  v.set("sortable", false);
  set_list(v, "rows", std::move(rows));
  v.set("totals", sums_view(sums, 3, s));  // Stt, name, organisations
  set_opt(v, "intro", list.summary);
  set_opt(v, "submitter", submitter_of(list));
  v.set("count", s.format("proposals_task_count", {{"n", std::to_string(sums.tasks)}}));
  v.set("grand_total", format_amount(sums.total, s));
  set_list(v, "leads", leads_view(list.tasks, s));
  v.set("csv_url", list.url + "tasks.csv");
  v.set("json_url", list.url + "tasks.json");
  v.set("form_url", kProposalFormUrl);
  const Round* round = list.round ? ctx.model.find_round(list.program, *list.round) : nullptr;
  std::string summary = round && in_summary(list) ? round_summary_url(*round) : "";
  set_opt(v, "summary_url", summary);
  set_opt(v, "summary_label",
          summary.empty()
              ? ""
              : s.format("proposals_summary_link", {{"round", std::to_string(round->year)}}));
  return v;
}

void append_csv_row(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(cells[i]);
  out += "\r\n";
}

std::vector<std::string> csv_cells(const Task& t) {
  return {std::to_string(t.stt),
          t.name,
          t.lead,
          join(t.partners, "; "),
          t.objectives,
          t.content,
          t.results,
          t.duration,
          plain_amount(t.total),
          plain_amount(t.state),
          plain_amount(t.counterpart),
          t.notes};
}

// The list as CSV: the form's columns, comma-separated, amounts as 1500.5, UTF-8 with a BOM
// so spreadsheets read it as such. gazette reads it back as a list.
std::string tasks_csv(const Document& list) {
  std::string out = "\xEF\xBB\xBF";
  append_csv_row(out, kFormHeader);
  for (const Task& t : list.tasks) append_csv_row(out, csv_cells(t));
  return out;
}

std::string tasks_json(const Document& list, const ViewContext& ctx) {
  using Json = nlohmann::ordered_json;
  std::string url = ctx.config.base_url + list.url.substr(1);
  Json j;
  j["url"] = url;
  j["kind"] = content::kind_name(list.kind);
  j["title"] = list.title;
  j["number"] = list.number;
  j["program"] = list.program;
  j["round"] = list.round ? Json(*list.round) : Json(nullptr);
  j["submitter"] = list.submitter;
  j["issuer"] = list.issuer;
  j["province"] = list.province;
  j["issued"] = format_iso_date(list.issued);
  j["unit"] = list.unit;
  Sums sums;
  Json tasks = Json::array();
  for (const Task& t : list.tasks) {
    sums.add(t);
    tasks.push_back({{"stt", t.stt},
                     {"url", ctx.config.base_url + task_url(list, t).substr(1)},
                     {"name", t.name},
                     {"lead", t.lead},
                     {"partners", t.partners},
                     {"objectives", t.objectives},
                     {"content", t.content},
                     {"results", t.results},
                     {"duration", t.duration},
                     {"total", json_amount(t.total)},
                     {"state", json_amount(t.state)},
                     {"counterpart", json_amount(t.counterpart)},
                     {"notes", t.notes}});
  }
  j["totals"] = {{"tasks", sums.tasks},
                 {"total", json_amount(sums.total)},
                 {"state", json_amount(sums.state)},
                 {"counterpart", json_amount(sums.counterpart)}};
  j["tasks"] = std::move(tasks);
  return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// The lists of a round, in the summary's order: by submitter (Vietnamese collation), then
// the newest first.
struct RoundLists {
  const Program* program = nullptr;
  const Round* round = nullptr;
  std::vector<const Document*> lists;
};

std::vector<RoundLists> rounds_with_lists(const SiteModel& model, const std::string& language) {
  std::vector<RoundLists> out;
  text::Collator collator(language);
  for (const Program& p : model.programs) {
    for (const Round& r : p.rounds) {
      RoundLists group{&p, &r, {}};
      for (const Document* d : r.docs) {
        if (in_summary(*d)) group.lists.push_back(d);
      }
      if (group.lists.empty()) continue;
      std::stable_sort(group.lists.begin(), group.lists.end(),
                       [&](const Document* a, const Document* b) {
                         return collator.less(submitter_of(*a), submitter_of(*b));
                       });
      out.push_back(std::move(group));
    }
  }
  return out;
}

Value summary_view(const RoundLists& g, const ViewContext& ctx) {
  const Strings& s = ctx.strings;
  std::string url = round_summary_url(*g.round);
  std::string round_label = s.format("round_title", {{"year", std::to_string(g.round->year)}});
  std::string heading = s.get("proposals_summary_heading");
  Value v =
      page_frame(heading + " — " + g.program->doc->title + " — " + round_label, url, "program",
                 {{s.get("nav_home"), "/"},
                  {s.get("nav_program"), "/program/"},
                  {g.program->doc->title, g.program->url},
                  {round_label, g.round->url}},
                 ctx);
  v.set("heading", heading);
  v.set("program_title", g.program->doc->title);
  v.set("program_url", g.program->url);
  v.set("round_label", round_label);
  v.set("round_url", g.round->url);
  v.set("archived", g.round->archived);
  Value rows = Value::list(), submitters = Value::list();
  Sums all;
  std::map<std::string, Sums> by_submitter;
  std::vector<const Document*> firsts;  // the first list of each submitter, in order
  for (const Document* list : g.lists) {
    for (const Task& t : list->tasks) {
      rows.push(task_row(t, *list, true, s));
      all.add(t);
      by_submitter[submitter_of(*list)].add(t);
    }
    if (firsts.empty() || submitter_of(*firsts.back()) != submitter_of(*list)) {
      firsts.push_back(list);
    }
  }
  for (const Document* list : firsts) {
    Value item = sums_view(by_submitter[submitter_of(*list)], 1, s);
    item.set("submitter_name", submitter_of(*list));
    item.set("list_url", list->url);
    submitters.push(std::move(item));
  }
  v.set("table_id", "summary-tasks");
  v.set("caption", s.format("proposals_summary_caption", {{"round", round_label}}));
  v.set("unit", g.lists.front()->unit);
  v.set("show_submitter", true);
  v.set("sortable", true);
  set_list(v, "rows", std::move(rows));
  v.set("totals", sums_view(all, 4, s));  // and the submitter
  set_list(v, "submitters", std::move(submitters));
  v.set("count", s.format("proposals_summary_count", {{"n", std::to_string(all.tasks)},
                                                      {"m", std::to_string(firsts.size())}}));
  v.set("csv_url", url + "tasks.csv");
  v.set("form_url", kProposalFormUrl);
  return v;
}

std::string summary_csv(const RoundLists& g) {
  std::string out = "\xEF\xBB\xBF";
  std::vector<std::string> header = kFormHeader;
  header.insert(header.begin(), "Đơn vị đề xuất");
  append_csv_row(out, header);
  for (const Document* list : g.lists) {
    for (const Task& t : list->tasks) {
      std::vector<std::string> cells = csv_cells(t);
      cells.insert(cells.begin(), submitter_of(*list));
      append_csv_row(out, cells);
    }
  }
  return out;
}

std::string form_csv() {
  std::string out = "\xEF\xBB\xBF";
  append_csv_row(out, kFormHeader);
  return out;
}

}  // namespace

Value proposal_downloads_view(const ViewContext& ctx) {
  const Strings& s = ctx.strings;
  auto list_item = [](const Document& d) {
    Value item = Value::object();
    item.set("title", d.title);
    item.set("url", d.url);
    item.set("csv_url", d.url + "tasks.csv");
    item.set("json_url", d.url + "tasks.json");
    return item;
  };
  Value groups = Value::list();
  std::set<const Document*> placed;
  for (const RoundLists& g : rounds_with_lists(ctx.model, ctx.config.language)) {
    std::string url = round_summary_url(*g.round);
    Value group = Value::object();
    group.set("heading", g.program->doc->title + " — " +
                             s.format("round_title", {{"year", std::to_string(g.round->year)}}));
    set_opt(group, "summary_url", url);
    set_opt(group, "summary_csv_url", url + "tasks.csv");
    Value lists = Value::list();
    for (const Document* d : g.lists) {
      lists.push(list_item(*d));
      placed.insert(d);
    }
    group.set("lists", std::move(lists));
    groups.push(std::move(group));
  }
  Value others = Value::list();
  if (auto it = ctx.model.by_kind.find(Kind::proposal_list); it != ctx.model.by_kind.end()) {
    for (const Document* d : it->second) {
      if (!placed.count(d)) others.push(list_item(*d));
    }
  }
  if (!others.items().empty()) {
    Value group = Value::object();
    group.set("heading",
              s.get(groups.items().empty() ? "open_data_lists" : "open_data_other_lists"));
    group.set("summary_url", false);
    group.set("lists", std::move(others));
    groups.push(std::move(group));
  }
  return groups;
}

std::string round_summary_url(const Round& round) {
  bool any = std::any_of(round.docs.begin(), round.docs.end(),
                         [](const Document* d) { return in_summary(*d); });
  return any ? round.url + "proposals/" : "";
}

void add_proposal_pages(Jobs& jobs, const ViewContext& ctx, const RenderedBodies& bodies) {
  for (std::size_t i = 0; i < ctx.model.documents.size(); ++i) {
    const Document& doc = ctx.model.documents[i];
    if (doc.kind != Kind::proposal_list) continue;
    jobs.push_back({index_path(doc.url),
                    [&ctx, &doc, &body = bodies[i]](templates::Renderer& r) {
                      Value v = document_view(doc, body, ctx);
                      v.set("body", body.html + r.render("proposal_list", list_view(doc, ctx)));
                      if (!doc.tasks_path.empty()) {
                        v.set("source_path", doc.path + ", " + doc.tasks_path);
                      }
                      return PageView{"document", std::move(v)};
                    },
                    true, format_iso_date(doc.issued)});
    jobs.push_back({doc.url.substr(1) + "tasks.csv",
                    [&doc](templates::Renderer&) { return tasks_csv(doc); }, false});
    jobs.push_back({doc.url.substr(1) + "tasks.json",
                    [&ctx, &doc](templates::Renderer&) { return tasks_json(doc, ctx); }, false});
  }
  jobs.push_back({std::string(kProposalFormUrl).substr(1),
                  [](templates::Renderer&) { return form_csv(); }, false});
  for (RoundLists& g : rounds_with_lists(ctx.model, ctx.config.language)) {
    auto shared = std::make_shared<RoundLists>(std::move(g));
    Date newest = shared->lists.front()->issued;
    for (const Document* d : shared->lists) newest = std::max(newest, d->issued);
    std::string url = round_summary_url(*shared->round);
    jobs.push_back({index_path(url),
                    [&ctx, shared](templates::Renderer&) {
                      return PageView{"round_summary", summary_view(*shared, ctx)};
                    },
                    true, format_iso_date(newest)});
    jobs.push_back({url.substr(1) + "tasks.csv",
                    [shared](templates::Renderer&) { return summary_csv(*shared); }, false});
  }
}

std::string task_url(const Document& list, const Task& task) {
  return list.url + "#" + task_anchor(task);
}

const std::string& submitter_of(const Document& list) {
  return list.submitter.empty() ? list.issuer : list.submitter;
}

}  // namespace gazette::render
