// The keys of site.toml, table by table, and what to say of a key it does not have: the key
// meant, found as a slip of the keyboard ("titel"), as another tool names it (Hugo's `baseURL`,
// Zola's `default_language`), or as a key of another table (`port` belongs in [serve]).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::config::detail {

/// A key as another tool names it, and ours: `from` (without case, `_`, `-` or `.`) written in
/// table `in` ("*": any) means `key` of `table`.
struct KeyAlias {
  std::string_view in;
  std::string_view from;
  std::string_view table;
  std::string_view key;
};

/// Every name of another tool's that gazette knows (Hugo's, Zola's, Jekyll's…).
std::span<const KeyAlias> key_aliases();

/// The keys of a table of site.toml: "" for the top level, "build", "markdown", "search",
/// "serve", "history", and "archive" and "redirects" for each [[archive]] / [[redirects]] entry.
const std::vector<std::string>& site_keys(std::string_view table);

/// The hint for `key`, which table `table` does not have: "did you mean `base_url`? (known
/// keys: …)"; a key of another table is named with it ("did you mean `output` in [build]?").
/// Only keys site.toml has are suggested.
std::string unknown_key_hint(std::string_view key, std::string_view table);

}  // namespace gazette::config::detail
