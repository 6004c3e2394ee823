#include "segments.hpp"

#include <cstdint>

namespace gazette::search {

void digest_record(Sha256& digest, const Record& r) {
  // A field added to Listing or Record must be added here too, or an index missing it would
  // be kept: the sizes catch the addition.
  static_assert(sizeof(Listing) == 11 * sizeof(std::string) + 80, "add it below");
  static_assert(sizeof(Record) == sizeof(Listing) + 2 * sizeof(std::string));
  const Listing& l = r.listing;
  for (const std::string* text :
       {&l.url, &l.kind, &l.title, &l.number, &l.issuer, &l.province, &l.program, &l.submitter,
        &l.lead, &l.parent_url, &l.parent_title, &r.body, &r.keywords}) {
    digest.update_field(*text);
  }
  auto add_instant = [&](const std::optional<Instant>& at) {
    digest.update_field(at ? format_rfc3339(*at) : "-");
  };
  digest.update_field(l.round ? std::to_string(*l.round) : "-");
  digest.update_field(format_iso_date(l.issued));
  add_instant(l.deadline);
  add_instant(l.opens);
  digest.update_field(l.withdrawn ? "withdrawn" : "-");
}

}  // namespace gazette::search

namespace gazette::search::detail {

namespace {

// FNV-1a: stable across platforms and releases (std::hash is neither), and cheap.
std::uint64_t address_hash(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

std::string segment_digest(const std::vector<const Record*>& records) {
  Sha256 digest;
  digest.update_field(program_identity());
  digest.update_field("segment " + std::to_string(records.size()));
  for (const Record* r : records) digest_record(digest, *r);
  return digest.hex();
}

}  // namespace

std::vector<Segment> cut_segments(const std::vector<const Record*>& records) {
  std::vector<Segment> segments;
  Segment current;
  for (const Record* r : records) {
    current.records.push_back(r);
    // The mixing step's low bits are the weakest: the top ones decide.
    bool cut = (address_hash(r->listing.url) >> 40) % kSegmentMean == 0;
    if (cut || current.records.size() == kSegmentMost) {
      segments.push_back(std::move(current));
      current = Segment{};
    }
  }
  if (!current.records.empty()) segments.push_back(std::move(current));
  for (Segment& s : segments) s.digest = segment_digest(s.records);
  return segments;
}

}  // namespace gazette::search::detail
