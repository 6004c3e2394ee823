// The live index is merged from segments: runs of records, each a small database of its own
// kept under `index_dir/segments/<digest>` between builds. A build writes only the segments
// whose records changed and merges them all, so one edited notice costs one segment's
// indexing and the merge, not the whole index. Where a segment ends depends on its records'
// addresses only (content-defined, as rsync cuts files into blocks): a record added or
// removed changes the segment it falls in, not the ones after it. A clean build cuts the
// same segments, so it makes the same database.
#pragma once

#include <string>
#include <vector>

#include "gazette/search.hpp"

namespace gazette::search::detail {

struct Segment {
  std::vector<const Record*> records;
  std::string digest;  ///< of the program and every field of its records: its directory's name
};

/// The live records cut into segments, in order: about kSegmentMean records each.
std::vector<Segment> cut_segments(const std::vector<const Record*>& records);

inline constexpr std::size_t kSegmentMean = 256;
inline constexpr std::size_t kSegmentMost = 4 * kSegmentMean;

}  // namespace gazette::search::detail
