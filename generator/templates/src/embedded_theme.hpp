// The default theme, compiled into the binary so gazette works on any site directory.
#pragma once

#include <map>
#include <string>

namespace gazette::templates::detail {
/// Relative path (templates/base.mustache, static/css/site.css…) → bytes.
std::map<std::string, std::string> builtin_theme_files();
}  // namespace gazette::templates::detail
