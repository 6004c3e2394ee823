// Proposal lists: their tasks from [[tasks]] in TOML or from a CSV beside the list's .toml, and
// the checks both readers share.
//
//   detail::read_tasks(table, reader, doc);           // [[tasks]] (declared in field_reader.hpp)
//   detail::read_task_csv(doc, config, diags);        // or the same-named .csv beside it
//
// proposals.cpp reads the TOML rows and the CSV file (encoding, ƣ); csv_tasks.cpp the CSV's
// table in the layout of the appendix form.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "amounts.hpp"
#include "csv.hpp"
#include "gazette/config.hpp"
#include "gazette/content.hpp"
#include "gazette/core.hpp"

namespace gazette::content::detail {

class FieldReader;  // field_reader.hpp: reads TOML, which this header keeps out

/// The tasks of a proposal list whose metadata `doc` was read from a .toml: when a CSV of
/// the same name is beside it, its rows become doc.tasks (every problem reported with the
/// CSV's line and column). Returns false when the list has errors.
bool read_task_csv(Document& doc, const config::SiteConfig& config, Diagnostics& diags);

/// Reads the tasks of a CSV proposal list from its bytes into `doc` (tested without disk).
bool read_csv_tasks(std::string_view bytes, const std::string& csv_path, Document& doc,
                    const config::SiteConfig& config, Diagnostics& diags);

/// The tasks of a parsed CSV in the layout of the appendix form into doc.tasks (csv_tasks.cpp).
void read_table_tasks(const CsvTable& table, FieldReader& reader, Document& doc);

/// total = state + counterpart, reported at `at` with amounts written in `style`.
void check_sum(FieldReader& r, SourceLoc at, const Task& t, NumberStyle style);

/// Priorities are unique and run 1, 2, 3… in the order of the list. `at[i]` is where task
/// i's priority is written; tasks without one (stt 0) were reported already.
void check_priorities(FieldReader& r, const std::vector<Task>& tasks,
                      const std::vector<SourceLoc>& at);

}  // namespace gazette::content::detail
