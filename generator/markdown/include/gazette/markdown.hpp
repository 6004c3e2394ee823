// gazette markdown: GitHub-flavoured Markdown to HTML and to the text a reader sees.
//
//   auto r = gazette::markdown::render_markdown("## Mục tiêu\nNăng suất", {});
//   std::string html = r.html;    // "<h2><span id=\"muc-tieu\"></span>Mục tiêu</h2>\n<p>…"
//   std::string text = r.plain_text;  // "Mục tiêu\nNăng suất\n": what search indexes
//   auto toc = r.headings;        // [{2, "Mục tiêu", "muc-tieu"}]: a table of contents
//   auto links = r.links;         // every link and image, as written, with its line
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/config.hpp"

namespace gazette::markdown {

struct Heading {
  int level = 0;
  std::string text;
  std::string id;  ///< unique within the document
};

/// A link or image of the text.
struct Link {
  std::string url;  ///< as written (entities and escapes decoded), before any rewrite
  int line = 0;     ///< where it starts in the Markdown text, 1-based
  int column = 0;   ///< byte column, 1-based
  bool image = false;
};

struct RenderedMarkdown {
  std::string html;
  std::string plain_text;
  std::vector<Heading> headings;
  std::vector<Link> links;  ///< in the order of the text
};

/// The address a link or image is published with: nullopt keeps it as written, "" removes
/// the link and keeps its text (an image: its description).
using LinkRewrite = std::function<std::optional<std::string>(std::string_view url)>;

/// Renders Markdown with the GFM extensions (tables, strikethrough, autolink, tagfilter).
/// Raw HTML is shown as text unless options.allow_html. A link or image with a script, data
/// or file scheme (javascript:, vbscript:, data:, file:) is removed, its text kept; `rewrite`,
/// when given, decides the address of every other one.
RenderedMarkdown render_markdown(std::string_view markdown, const config::MarkdownOptions& options,
                                 const LinkRewrite& rewrite = {});

/// Whether a link's address has a scheme a page must never carry (javascript:, vbscript:,
/// file:, data:), however it is spelt.
bool is_unsafe_url(std::string_view url);

}  // namespace gazette::markdown
