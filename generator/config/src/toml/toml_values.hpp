// TOML values in words, for the messages of every reader of TOML that config serves (site.toml
// here, front matter and [[tasks]] in content): one home, so both name a value alike.
//
//   "`title` must be text in quotes, not " + detail::toml_type_name(node)   // "… not a number"
//   "write it in quotes: title = \"" + detail::toml_text(node) + "\""       // 1322, as written
//
// Not public API: only modules that parse TOML themselves (and so link toml++) include it.
#pragma once

#include <toml++/toml.h>

#include <string>

namespace gazette::config::detail {

/// What a value is: "text", "a number", "a decimal number", "true/false", "a date", "a time",
/// "a date and time", "a list", "a table".
std::string toml_type_name(const toml::node& node);

/// A value as TOML writes it (text without its quotes), for hints.
std::string toml_text(const toml::node& node);

}  // namespace gazette::config::detail
