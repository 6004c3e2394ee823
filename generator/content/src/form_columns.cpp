// The columns of the appendix form (Stt, Tên nhiệm vụ, …, Tổng số, NSNN, Đối ứng) as headers
// name them, and the cells of a task: organisations, priorities, text on one or more lines.
#include "form_columns.hpp"

#include <algorithm>

#include "gazette/text.hpp"

namespace gazette::content::detail {

namespace {

struct ColumnSpec {
  FormColumn col;
  const char* title;                 ///< as in the form
  std::vector<std::string> aliases;  ///< folded, without punctuation; the English key too
};

const std::vector<ColumnSpec>& column_specs() {
  static const std::vector<ColumnSpec> kSpecs = {
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
  return kSpecs;
}

}  // namespace

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
  static const std::vector<std::string> kAliases = [] {
    std::vector<std::string> all;
    for (const auto& spec : column_specs()) {
      for (const auto& alias : spec.aliases) all.push_back(alias);
    }
    return all;
  }();
  std::string near = closest_match(normalized, kAliases);
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
