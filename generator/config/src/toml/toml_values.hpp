// TOML for every reader of it that config serves (site.toml here, front matter and [[tasks]] in
// content, a theme's strings in templates): parsed with its syntax errors as diagnostics, and its
// values named in words, in one home so every reader reports them alike.
//
//   auto table = detail::parse_toml(bytes, "site.toml", "site.toml must be valid TOML");
//   if (!table) return table.error();                                        // file:line:col
//   "`title` must be text in quotes, not " + detail::toml_type_name(node)   // "… not a number"
//   "write it in quotes: title = \"" + detail::toml_text(node) + "\""       // 1322, as written
//
// Not public API: only modules that parse TOML themselves (and so link toml++) include it.
#pragma once

#include <toml++/toml.h>

#include <string>
#include <string_view>

#include "gazette/core.hpp"

namespace gazette::config::detail {

/// Parses `toml`, or returns its syntax error as a Diagnostic of `file` with `hint`: at the place
/// toml++ found it, moved down by `line_offset` (the lines of the file before `toml`, as front
/// matter starts after "+++"), quoting that line of `file_text` (the whole file; `toml` if empty).
Result<toml::table> parse_toml(std::string_view toml, const std::string& file, std::string hint,
                               std::string_view file_text = {}, int line_offset = 0);

/// What a value is: "text", "a number", "a decimal number", "true/false", "a date", "a time",
/// "a date and time", "a list", "a table".
std::string toml_type_name(const toml::node& node);

/// A value as TOML writes it (text without its quotes), for hints.
std::string toml_text(const toml::node& node);

}  // namespace gazette::config::detail
