// The columns of the appendix form of a proposal list, as a CSV's header names them, and the
// readings of a task's cells.
//
//   detail::match_column("Tên nhiệm vụ (sắp xếp theo thứ tự ưu tiên)");   // FormColumn::name
//   detail::split_organisations("- Viện A\n- Trường B");                  // {"Viện A", "Trường B"}
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/content.hpp"

namespace gazette::content::detail {

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

}  // namespace gazette::content::detail
