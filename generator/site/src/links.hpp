// Links in the text of the documents. A link to another document's source file
// (`../guidance/2025/x.md`, or `/guidance/2025/x.md` from content/) is published with that
// document's address; every link into the site must name a page, file or heading it has.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "gazette/config.hpp"
#include "gazette/model.hpp"
#include "gazette/render.hpp"
#include "gazette/site.hpp"
#include "gazette/templates.hpp"

namespace gazette::site {

/// The documents a link may name by their source file: those published, and the drafts left
/// out (source → its path as the user sees it).
class SourceFiles {
 public:
  SourceFiles(const config::SiteConfig& config, const std::vector<content::Document>& published,
              const std::map<std::filesystem::path, std::string>& drafts);

  /// The address `url`, written in `doc`'s text, is published with: a published document's
  /// address for its source file, "" (the link removed, its text kept) for a draft's, and
  /// nullopt (as written) for every other link.
  std::optional<std::string> published_address(std::string_view url,
                                               const content::Document& doc) const;

  /// Where a link leads (LinkCheck reads it).
  struct Target;
  Target resolve(std::string_view url, const content::Document& doc) const;

 private:
  std::filesystem::path root_;
  std::filesystem::path content_dir_;
  std::map<std::filesystem::path, const content::Document*> published_;
  std::map<std::filesystem::path, std::string> drafts_;
};

struct SourceFiles::Target {
  enum class Kind {
    none,       ///< nothing to check: mailto:, tel:, another scheme, an empty address
    external,   ///< http(s): checked only on request
    unsafe,     ///< javascript:, vbscript:, data:, file:
    outside,    ///< leads out of the site (or, for a source file, out of content/)
    source,     ///< a published document's source file
    draft,      ///< a draft's source file
    no_source,  ///< a .md file that is no document
    site,       ///< a path of the site
  };
  Kind kind = Kind::none;
  std::string path;  ///< site: the decoded path from the root ("/notice/2023/a/"); draft: its file
  std::string fragment;  ///< after '#', decoded; "" when none
  bool has_fragment = false;
  const content::Document* document = nullptr;  ///< source: that document
};

/// Every address of the built site: pages, feeds, exports, attachments, the theme's files,
/// and what `gazette serve` answers (/search…). It refers to the jobs' and the documents'
/// paths, which must outlive it (a large site has hundreds of thousands).
class SiteAddresses {
 public:
  SiteAddresses(const std::vector<render::PageJob>& jobs, const model::SiteModel& model,
                const templates::Theme& theme);
  /// Whether the site has `path` ("/notice/2023/a/" is its index.html).
  bool has(std::string_view path) const;
  /// The ids a document's page has from the theme, whatever the document (#main).
  const std::set<std::string>& theme_ids() const { return theme_ids_; }

 private:
  std::unordered_set<std::string_view> files_;
  std::set<std::string, std::less<>> own_;
  std::set<std::string> theme_ids_;
};

/// Reports, at its line in the document, every link or image of the text that leads out of
/// the site, or names a page, file, heading or document the site does not have (errors), a
/// draft (a warning: it is shown as text), or has an unsafe scheme (`unsafe`: it is shown as
/// text). Returns the external ones.
std::vector<ExternalLink> check_links(const model::SiteModel& model,
                                      const render::RenderedBodies& bodies,
                                      const SourceFiles& sources, const SiteAddresses& addresses,
                                      Severity unsafe, Diagnostics& diags);

}  // namespace gazette::site
