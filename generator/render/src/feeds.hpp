// Atom feeds (RFC 4287): of documents on the site, and of search results.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "views.hpp"

namespace gazette::render {

/// The absolute address of a site path ("/notice/" → "https://host/notice/").
std::string absolute_url(const ViewContext& ctx, const std::string& url);
/// A date as the start of that day in the site's time zone (documents carry dates, feeds
/// want instants).
Instant day_instant(const Date& date, const ViewContext& ctx);

/// What a feed entry shows.
struct FeedEntry {
  std::string url;  ///< a site path
  std::string title;
  std::string kind;  ///< its category's term: notice, guidance, task…
  std::string kind_label;
  std::string number;
  std::string issuer;
  Date issued;
  std::optional<Instant> deadline;
  Instant published;
  Instant updated;
};

/// A document as an entry. With git history it was published when first committed and
/// updated when last amended (minor corrections do not count, so they do not resurface in
/// feed readers); without, both are the day it was issued.
FeedEntry feed_entry(const Document& doc, const ViewContext& ctx);

/// A feed of `entries`, newest first; its `updated` is the latest of its entries' (the time of
/// the build when it has none), as a feed reader compares it with theirs.
std::string atom_feed(const std::string& self_url, const std::string& alternate_url,
                      const std::string& title, const std::vector<FeedEntry>& entries,
                      const ViewContext& ctx);
/// A feed of the first config.feed_entries of `docs` (newest first).
std::string atom_feed(const std::string& self_url, const std::string& alternate_url,
                      const std::string& title, const std::vector<const Document*>& docs,
                      const ViewContext& ctx);

}  // namespace gazette::render
