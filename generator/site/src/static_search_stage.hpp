// The build's static search files (search/ of the site): the index the browser's engine
// reads, written from the live index once per index generation and kept beside the site's
// caches, then placed in the output.
#pragma once

#include <filesystem>

#include "gazette/core.hpp"
#include "output.hpp"

namespace gazette::site {

/// Places the static index of the live database `live` (and the archives under `index_dir`)
/// in `sink` under search/, writing it first into `cache_dir` unless a previous build did for
/// the same databases. `most_files`: about how many files it may take.
Status place_static_search(const std::filesystem::path& live,
                           const std::filesystem::path& index_dir,
                           const std::filesystem::path& cache_dir, std::size_t most_files,
                           OutputSink& sink);

}  // namespace gazette::site
