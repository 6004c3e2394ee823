// The HTTP side of gazette serve: a URL's query string read as /search reads it (and the
// filters made of it), and a URL path mapped to a file, which must stay under the root.
#include <filesystem>

#include "fuzz.hpp"
#include "gazette/serve.hpp"
#include "query.hpp"
#include "xapian_plan.hpp"

using namespace gazette;

void gazette::fuzz::run_one(const std::string& bytes) {
  const Instant now = make_instant({2025, 8, 1}, 9, 0, 0, 420);
  auto query = serve::parse_search_query(bytes, serve::QueryDefaults{now, 10, 420});
  if (query) {
    (void)search::detail::xapian_query(search::detail::filter_query(*query), nullptr, now)
        .get_description();
  }

  static const std::filesystem::path kRoot = "/nonexistent/gazette-fuzz/public";
  if (auto file = serve::resolve_path(kRoot, bytes)) {
    std::string inside = file->lexically_normal().generic_string();
    fuzz::check(inside.starts_with(kRoot.generic_string() + "/"), "a URL path stays in the root");
  }
}
