// TOML parsed and its values in words (toml/toml_values.hpp): shared by every reader of TOML.
#include "toml_values.hpp"

#include <sstream>

namespace gazette::config::detail {

Result<toml::table> parse_toml(std::string_view toml, const std::string& file, std::string hint,
                               std::string_view file_text, int line_offset) {
  try {
    return toml::parse(toml, file);
  } catch (const toml::parse_error& e) {
    SourceLoc loc{static_cast<int>(e.source().begin.line) + line_offset,
                  static_cast<int>(e.source().begin.column)};
    return Diagnostic{Severity::error,
                      file,
                      loc,
                      std::string(e.description()),
                      std::move(hint),
                      std::string(line_at(file_text.empty() ? toml : file_text, loc.line))};
  }
}

std::string toml_type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "text";
    case toml::node_type::integer:
      return "a number";
    case toml::node_type::floating_point:
      return "a decimal number";
    case toml::node_type::boolean:
      return "true/false";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date and time";
    case toml::node_type::array:
      return "a list";
    case toml::node_type::table:
      return "a table";
    default:
      return "nothing";
  }
}

std::string toml_text(const toml::node& node) {
  if (auto s = node.value<std::string>()) return *s;
  std::ostringstream out;
  node.visit([&out](const auto& value) { out << value; });
  return out.str();
}

}  // namespace gazette::config::detail
